"""Grading a class: read every learner's answers, grade them, and report how the class did.

* :mod:`.submissions` finds the learners' files and reads them (answer files and
  notebooks, never executed; only regular files, links only within a learner's own folder),
  and :mod:`.grade_class` grades them: one learner's file never stops the class;
* :mod:`.safe_text` makes names and answers safe to show in a terminal, a CSV or the page;
* :mod:`.summary` aggregates the graded results: a pure function, no I/O;
* :mod:`.csvfiles` writes the gradebook and the long answers table, safe to open in a
  spreadsheet;
* :mod:`.charts` draws the report's charts (matplotlib, imported only when drawing);
* :mod:`.report` writes the whole report folder, atomically, with the marker that lets
  ``--force`` replace it (and nothing else).
"""
