"""The frozen app's entry script: the same ``main`` as the installed ``annotator`` command."""

import multiprocessing

if __name__ == "__main__":
    # A large scan reads files in worker processes (services/read_ahead.py): in the frozen
    # app each worker starts as this executable again, and this hands it over to the worker.
    multiprocessing.freeze_support()
    from annotator.cli.main import main

    raise SystemExit(main())
