"""Pure figure builders (no Streamlit): each takes a DataFrame and returns a plotly Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from integritas.i18n import tr

ZONE_COLOURS = {"hijau": "#2e7d32", "kuning": "#f9a825", "merah": "#c62828"}
ZONE_PATTERNS = {"hijau": "", "kuning": "/", "merah": "x"}  # patterns keep zones apart without colour


def zones_by_year(summary: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Stacked bars: pemda named per zone per assessment year (from zone_summary)."""
    fig = go.Figure()
    years = sorted(summary["year"].unique())
    for zone in ("merah", "kuning", "hijau"):
        part = summary[summary["zone"] == zone].set_index("year").reindex(years)
        fig.add_bar(
            x=[str(y) for y in years],
            y=part["named"].fillna(0).tolist(),
            name=tr(f"zone.{zone}", lang),
            marker={"color": ZONE_COLOURS[zone], "pattern": {"shape": ZONE_PATTERNS[zone]}},
            text=[str(int(v)) if v else "" for v in part["named"].fillna(0)],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            hovertemplate="%{x}: %{y} " + tr(f"zone.{zone}", lang) + "<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        uniformtext={"minsize": 11, "mode": "hide"},
        height=300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": tr("col.named", lang), "range": [0, 23]},
        xaxis={"type": "category"},
    )
    return fig
