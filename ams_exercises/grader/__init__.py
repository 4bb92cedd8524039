"""The grading core: a learner's answer text in, a verdict with feedback out.

- :mod:`.vocabulary`: the fields, roles, traps and sources every layer names;
- :mod:`.doctrine`: the relations a scenario's people have to the widget, and the role
  each relation gives;
- :mod:`.course`: the compiled course (``ams_exercises/compiled/``), the only course data
  the grader reads;
- :mod:`.language`, :mod:`.normalize`: how free text is read;
- :mod:`.keys`, :mod:`.lexicon`: the compiled keys and the recurring groups;
- :mod:`.reading`: the pieces of an answer (hedges, negation, corrections, asides);
- :mod:`.heads`: which group each piece names, by its head and what qualifies it;
- :mod:`.matching`, :mod:`.grading`, :mod:`.result`: judging answers and the result.

Pure: nothing here prints, exits, or reads a learner's files. The only files it opens are
the compiled course's, read once and cached. Nothing here imports from the layers above
(answers, learner, sphinx, handouts, classroom, cli); a test keeps it so.
"""
