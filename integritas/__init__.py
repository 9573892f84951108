"""Integritas NTT: shared code for the dashboard (data access, translations, formatting)."""
