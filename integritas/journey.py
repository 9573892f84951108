"""The ZI journey model (pure, no Streamlit): stages, time in stage, the stalled ("macet") flag, lane labels, flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from integritas import fmt
from integritas.i18n import tr

# Steps of a journey, in order; `other` and `target` are context, not steps.
STEP_RANK = {"pencanangan": 1, "pakta_integritas": 1, "usulan_tpn": 2, "wbk": 3, "wbbm": 4}
REACHED = ("confirmed", "inferred", "disputed")  # scheduled and pending steps are not reached yet
STALLING = ("pencanangan", "pakta_integritas", "usulan_tpn")


@dataclass(frozen=True)
class Journey:
    agency_id: str
    stage: str | None  # the highest step reached, None when no step is reached
    since: date | None  # date of the step that reached the current stage
    since_precision: str | None
    years_in_stage: float | None
    stalled: bool
    label: str


def _years(a: date, b: date) -> float:
    return round((b - a).days / 365.25, 1)


def _steps(events: pd.DataFrame) -> pd.DataFrame:
    steps = events[events["event"].isin(list(STEP_RANK))].copy()
    steps["rank"] = steps["event"].map(STEP_RANK)
    return steps.sort_values(["date", "rank"])


def journey(
    agency_id: str, events: pd.DataFrame, today: date, stalled_after_years: float = 2, lang: str = "id"
) -> Journey:
    """Summarise one agency's events (columns event, menuju, date, date_precision, status) as of `today`."""
    steps = _steps(events)
    reached = steps[steps["status"].isin(REACHED)]
    stage = since = precision = None
    if not reached.empty:
        top = int(reached["rank"].max())
        # the first time the top rank was reached: disputed duplicates (two dates for one step) keep the earliest
        first = reached[reached["rank"] == top].iloc[0]
        stage, since, precision = str(first["event"]), _as_date(first["date"]), str(first["date_precision"])
    stalled = False
    if not reached.empty:
        last = reached.iloc[-1]
        later = steps[(steps["rank"] > STEP_RANK[str(last["event"])])]
        stalled = (
            str(last["event"]) in STALLING
            and later.empty
            and _years(_as_date(last["date"]), today) > stalled_after_years
        )
    return Journey(
        agency_id=agency_id,
        stage=stage,
        since=since,
        since_precision=precision,
        years_in_stage=_years(since, today) if since else None,
        stalled=stalled,
        label=lane_label(steps, lang),
    )


def _as_date(d: object) -> date:
    return d.date() if isinstance(d, pd.Timestamp) else d  # type: ignore[return-value]


def label_of(events: pd.DataFrame, lang: str = "id") -> str:
    """The lane label of an agency's events (any events; only the steps are named), as `journey()` gives it."""
    return lane_label(_steps(events), lang)


def lane_label(steps: pd.DataFrame, lang: str = "id") -> str:
    """'WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)': one part per step type, in order of first date."""
    if steps.empty:
        return tr("journey.no_steps", lang)
    parts = []
    for event, group in steps.groupby("event", sort=False):
        years = "/".join(dict.fromkeys(str(_as_date(d).year) for d in group["date"]))
        menuju = group["menuju"].dropna()
        name = tr(f"step.{event}", lang)
        if event == "usulan_tpn" and not menuju.empty:
            name = tr("step.usulan_to", lang, target=str(menuju.iloc[0]).replace("_", "/").upper())
        statuses = set(group["status"])
        note = ""
        if "pending" in statuses:
            note = f" ({tr('outcome.unknown', lang)})"
        elif "scheduled" in statuses:
            note = f" ({tr('status.scheduled', lang)})"
        elif "disputed" in statuses:
            note = f" ({tr('status.disputed', lang)})"
        elif "inferred" in statuses:
            note = f" ({tr('status.inferred', lang)})"
        parts.append(f"{name} {years}{note}")
    return " → ".join(parts)


def red_zone_awards(events: pd.DataFrame, zones: pd.DataFrame) -> list[tuple[int, str]]:
    """Years in which the unit held an award (WBK/WBBM) while its region's pemda was in the red zone.

    `zones` has columns year, zone for the unit's region. Returns (year, event) pairs; empty when the data do not
    show it (a year without a zone is not a flag).
    """
    awards = events[events["event"].isin(["wbk", "wbbm"]) & events["status"].isin(REACHED)]
    red = set(zones.loc[zones["zone"] == "merah", "year"].astype(int))
    out = []
    for a in awards.itertuples():
        award_year = _as_date(a.date).year
        out += [(y, str(a.event)) for y in sorted(red) if y >= award_year]
    return out


def rising_complaints(events: pd.DataFrame, complaints: pd.DataFrame) -> bool:
    """True when, after an award, the unit's own complaint counts rise from one period to the next.

    `complaints` has columns period_end, value for the unit (metric laporan, comparator '='). Needs two periods
    after the award; otherwise False (no flag without data).
    """
    awards = events[events["event"].isin(["wbk", "wbbm"]) & events["status"].isin(REACHED)]
    if awards.empty or complaints.empty:
        return False
    first_award = min(_as_date(d) for d in awards["date"])
    after = complaints[[_as_date(d) >= first_award for d in complaints["period_end"]]].sort_values("period_end")
    values = after["value"].astype(float).tolist()
    return any(b > a for a, b in zip(values, values[1:], strict=False))


def since_text(j: Journey, lang: str) -> str:
    if j.since is None or j.since_precision is None:
        return "–"
    return fmt.date_at(j.since, j.since_precision, lang)
