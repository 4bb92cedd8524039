"""The learner's workflow at their own computer: what they work on and what they have done.

- :mod:`.catalogue`: the exercises in course order, from ``exercises/catalogue.yaml``;
- :mod:`.worksheets`: the blank worksheets and the catalogue, generated from the keys;
- :mod:`.progress`: the progress file, kept safe;
- :mod:`.state`: one object for the learner's copy, with the one rule for "the next
  exercise" that ``check``, ``watch``, ``next`` and ``progress`` all use;
- :mod:`.targets`: which worksheet or exercise a command means, and the ids Tab offers;
- :mod:`.assessment` and :mod:`.submitting`: assessment items, answered once;
- :mod:`.watching`: ``watch``, checking a worksheet at each save;
- :mod:`.progress_json`: the progress as ``progress --json`` prints it;
- :mod:`.jupyter`: JupyterLab on the learner's notebooks, started and stopped;
- :mod:`.texts`: what the learner commands show, as text.

Nothing here prints or exits: the command line (:mod:`ams_exercises.cli`) does.
"""
