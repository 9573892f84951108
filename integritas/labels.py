"""Human labels for coded values (events, statuses, zones, measures), built from the translation table."""

from __future__ import annotations

import pandas as pd

from integritas.i18n import tr

ZONE_MARK = {"hijau": "●", "kuning": "◆", "merah": "▲"}  # a shape per zone, so zones are never told by colour alone
ZONE_BADGE = {"hijau": "green", "kuning": "orange", "merah": "red"}


def event_label(event: str, menuju: object, status: str, lang: str) -> str:
    """'Usulan ke TPN menuju WBBM (hasil belum diketahui)'."""
    text = tr(f"event.{event}", lang)
    if isinstance(menuju, str) and menuju and event not in ("wbk", "wbbm"):
        text += " " + tr(f"menuju.{menuju}", lang)
    if status == "pending" and event in ("usulan_tpn", "target"):
        text += f" ({tr('outcome.unknown', lang)})"
    return text


def status_label(status: str, lang: str) -> str:
    return tr(f"status.{status}", lang)


def zone_label(zone: object, lang: str) -> str:
    if not isinstance(zone, str) or pd.isna(zone):
        return tr("zone.none", lang)
    return f"{ZONE_MARK[zone]} {tr('zone.' + zone, lang)}"


def zone_badge(zone: str, text: str) -> str:
    """Markdown badge with the zone's shape and name in the text, so it reads without colour."""
    return f":{ZONE_BADGE[zone]}-badge[{ZONE_MARK[zone]} {text}]"
