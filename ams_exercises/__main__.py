"""``python -m ams_exercises`` runs the command line."""

from .cli import run

run()
