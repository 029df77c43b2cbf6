"""``python -m wijksessie`` runs the same command line as the ``wijksessie`` script."""

from wijksessie.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
