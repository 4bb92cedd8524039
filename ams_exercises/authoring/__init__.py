"""The course's data as its authors write it, checked and compiled for the grader.

- :mod:`.models`: what an answer key, the lexicon and the modules file hold;
- :mod:`.language`: what the language rules hold;
- :mod:`.workshop`: the workshop plan;
- :mod:`.sources`: reading those YAML files, each checked against its model and against
  the others (a key's module exists, a placed group is in the lexicon);
- :mod:`.scenario`: a key's scenario resolved: the lexicon's groups placed, each actor's
  roles derived by :mod:`~ams_exercises.grader.doctrine`, and the questions' answers and
  feedback written from them;
- :mod:`.bundle`: the compiled course (``ams_exercises/compiled/``) the grader reads, and
  the check that it is current (``ams-exercises dev compile``).

The grader never reads these YAML files: a learner's check reads the compiled bundle only.
"""
