"""The screens of the full-screen program (home, prepare, meeting, room view, help)."""
