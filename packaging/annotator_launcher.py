"""The frozen app's entry script: the same ``main`` as the installed ``annotator`` command."""

from annotator.cli.main import main

raise SystemExit(main())
