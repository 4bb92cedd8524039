"""Files people and the course write, handled safely and one way only.

- :mod:`.reading`: text and YAML that people wrote (size limit, UTF-8, no aliases, one-line
  errors);
- :mod:`.models`: the one validation of every file format, naming the file and the field;
- :mod:`.atomic`: atomic writes, backups that never overwrite, and the lock two processes
  share;
- :mod:`.templates`: the Jinja environment the handouts and the class report are drawn with.

This is the lowest layer with :mod:`ams_exercises.errors`: it knows nothing of the course.
"""
