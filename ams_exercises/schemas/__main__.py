"""``python -m ams_exercises.schemas`` regenerates answer-key.schema.json."""

from . import write

write()
