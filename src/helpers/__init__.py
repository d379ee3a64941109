"""Helpers for the county talent-plan monitoring notebooks.

Notebooks stay thin: they call the functions here, which carry the logic and the tests.
"""

import sys

# Speed: jsonschema imports rfc3987_syntax when it is installed (JupyterLab pulls it in), and that
# module compiles a grammar at import: 1.2 s in every process that reads or runs a notebook. Notebook
# validation never checks IRI formats, so without it jsonschema simply skips that one format check.
sys.modules.setdefault("rfc3987_syntax", None)

from helpers.run.notebook_display import show_input_errors_briefly  # noqa: E402

show_input_errors_briefly()
