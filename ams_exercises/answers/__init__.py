"""A learner's answers, read from what they wrote, checked against the exercise, ready to grade.

- :mod:`.sheet`: an answer file (YAML) or keyword answers, checked field by field;
- :mod:`.notebooks`: the ``check(...)`` calls of a notebook (``.ipynb`` through nbformat,
  MyST Markdown through jupytext), read as text and never run;
- :mod:`.submitted`: an assessment item's submission, written into its worksheet when it
  is submitted and read back by class grading.
"""
