"""Helpers for the county talent-plan monitoring notebooks.

Notebooks stay thin: they call the functions here, which carry the logic and the tests.
"""

from .errors import show_input_errors_briefly

show_input_errors_briefly()
