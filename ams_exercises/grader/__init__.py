"""The grading core: a learner's answer text in, a verdict with feedback out.

- :mod:`.vocabulary`: the fields, roles, traps and sources every layer names;
- :mod:`.course`: where the course's data lives (``ams_exercises/course/``);
- :mod:`.language`, :mod:`.normalize`: how free text is read (from ``language.yaml``);
- :mod:`.keys`: the answer-key and module models, and their loader;
- :mod:`.reading`: the groups an answer names, and how (hedges, negation, clauses);
- :mod:`.matching`, :mod:`.grading`, :mod:`.result`: judging answers and the result.

Pure: nothing here prints, exits, or reads a learner's files. The only files it opens are
the course's own data, read once and cached. Nothing here imports from the layers above
(answers, learner, sphinx, handouts, classroom, cli); a test keeps it so.
"""
