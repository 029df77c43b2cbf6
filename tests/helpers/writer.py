"""A session writer to be killed: the crash tests run it and SIGKILL it at random moments.

Each writer opens one session through the public store API and adds
contributions in a loop, printing ``id <id>`` only after ``add_contribution``
returned (that is the moment the program tells the user "saved"). Now and then
it also votes or edits, so kills land in other kinds of writes too.

Two ways to run it:

* ``writer.py direct DATA_DIR SESSION SEED`` — one writer in this process.
* ``writer.py server`` — a fork server, so hundreds of writers cost no Python
  start-up each: commands on stdin, one per line: ``run DATA_DIR SESSION SEED``
  forks a writer and answers ``pid <pid>``; ``wait <pid>`` reaps it and answers
  ``dead <pid> <signal>``; ``quit`` ends. Every line is written with one
  ``os.write`` so lines from the server and its writers never mix.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wijksessie.model import Contribution  # noqa: E402
from wijksessie.store import SessionStore  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def write_forever(data_dir: str, session: str, seed: int) -> None:
    """Add contributions until killed; announce each one only after it is saved."""
    rng = random.Random(seed)
    store = SessionStore(data_dir)
    with store.open(session) as sf:
        say("open")
        i = 0
        while True:
            i += 1
            text = f"inbreng {seed}-{i} " + "bla " * rng.randint(0, 80)
            c = sf.add_contribution(Contribution.new(text, theme=rng.choice(["Groen", "Bewegen", "Eenzaamheid"])))
            say(f"id {c.id}")
            roll = rng.random()
            if roll < 0.1:
                sf.vote(c.theme, 1)
            elif roll < 0.15:
                sf.edit_contribution(c.id, text=text + " (aangevuld)")


def _child(data_dir: str, session: str, seed: int) -> None:
    try:
        write_forever(data_dir, session, seed)
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        say(f"error {type(exc).__name__}: {exc}".replace("\n", " "))
        os._exit(3)
    os._exit(0)


def serve() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "run":
            _cmd, data_dir, session, seed = parts
            pid = os.fork()
            if pid == 0:
                _child(data_dir, session, int(seed))
            say(f"pid {pid}")
        elif parts[0] == "wait":
            pid = int(parts[1])
            _pid, status = os.waitpid(pid, 0)
            sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            say(f"dead {pid} {sig}")
        elif parts[0] == "quit":
            return


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve()
    else:
        _mode, data_dir, session, seed = sys.argv[1:]
        _child(data_dir, session, int(seed))
