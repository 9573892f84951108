"""Entry point for `python -m etl`."""

from etl.cli import main

raise SystemExit(main())
