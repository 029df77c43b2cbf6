"""Sane bounds for numbers and dates, shared by the store, the command line and the screens.

A typing slip (a 35-digit vote, a 10 GB paste) is refused where it comes in,
with one clear line, instead of breaking a letter or a date sum later. This
module imports nothing, so the command line's ``--help`` can use it for free.
"""

#: The most dots one theme can have (and one ``vote`` can add or take away).
MAX_VOTES = 100_000

#: Seconds a short write from the command line waits for a session another process is writing.
CLI_LOCK_WAIT = 5.0

#: The longest text one contribution may be (a long paste is a few hundred kB; a file of gigabytes is a mistake).
MAX_TEXT_BYTES = 10 * 1024 * 1024

#: The largest session file read (10,000 contributions are a few MB; a bigger file is not a session).
MAX_SESSION_BYTES = 256 * 1024 * 1024
