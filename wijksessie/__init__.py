"""wijksessie: run a neighbourhood health meeting from a terminal.

This module stays import-free on purpose: every command imports only what it
needs, so ``wijksessie --help`` and ``wijksessie add`` start fast.
"""

__version__ = "0.1.0"
