"""``python -m ams_exercises`` runs the command line."""

from .cli import main

main(prog_name="ams-exercises")
