# A tiny book for the golden-file tests of the {ams-exercise} directive.
project = "test-unknown"
extensions = ["myst_parser", "ams_exercises.sphinx"]
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
exclude_patterns = ["_build"]
