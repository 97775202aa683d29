"""Run the command line with ``python -m annotator``."""

from annotator.cli.main import main

raise SystemExit(main())
