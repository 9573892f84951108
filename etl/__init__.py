"""ETL for Integritas NTT: read seed and uploaded files, validate them, load them atomically into DuckDB."""
