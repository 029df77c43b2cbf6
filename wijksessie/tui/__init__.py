"""The full-screen program (Textual): a thin shell over the core and the store.

Only this package imports Textual. Screens turn keys into calls on
:mod:`wijksessie.model` and :mod:`wijksessie.store` and show the result;
no rule about sessions lives here. Start it with :func:`wijksessie.tui.app.run_app`,
or build it for a test with :func:`wijksessie.tui.app.make_app`.
"""
