"""Errors meant for the user.

A :class:`UserError` carries a message of one sentence saying what is wrong
and one saying what to do. The command line prints it on one line and exits
with code 2; the full-screen program shows it as a notification. Anything
else that goes wrong is a bug: it is logged with its traceback in the data
folder, never shown raw.
"""


class UserError(Exception):
    """Something the user can fix; ``str(error)`` is the message to show."""

    exit_code = 2
