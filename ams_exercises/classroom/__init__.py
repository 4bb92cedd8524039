"""Grading a class: read every learner's answers, grade them, and report how the class did.

* :mod:`.submissions` finds the learners' files and reads them (answer files and
  notebooks, never executed);
* :mod:`.summary` aggregates the graded results: a pure function, no I/O;
* :mod:`.csvfiles` writes the gradebook and the long answers table, safe to open in a
  spreadsheet;
* :mod:`.charts` draws the report's charts (matplotlib, imported only when drawing);
* :mod:`.report` writes the whole report folder, atomically.
"""
