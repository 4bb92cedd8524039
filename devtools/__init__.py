"""The course's development tools: code the tests, the benchmarks and the course's authors
run from a clone of the repository, and that the installed package leaves out.

- :mod:`.chromium`: Debian's Chromium as the tests and the benchmarks launch it;
- :mod:`.vectors`: the shared test vectors, the Python grader's verdicts on many answers
  (``python -m devtools.vectors > grader-vectors.json``);
- :mod:`.replay` and ``run_vectors.mjs``: the in-page checker replaying those vectors under
  Node.

The package ``ams_exercises`` never imports these (``tests/test_layout.py``), and the
wheel holds ``ams_exercises`` alone (``pyproject.toml``'s package discovery).
"""
