"""Inside a notebook's kernel: an InputError or a ParameterError is shown as its message, not as a traceback
through the helpers. `import helpers` installs it (helpers/__init__), so every notebook has it."""
from __future__ import annotations

import sys

from helpers.core.errors import InputError, ParameterError


def show_input_errors_briefly() -> None:
    """In a notebook, show an InputError as its message, not as a traceback through the helpers.

    The cell still fails (papermill and `make` see the error); only the display is shorter.
    """
    if "IPython" not in sys.modules:  # not in a kernel (which has it loaded); importing it costs 0.1 s
        return
    from IPython import get_ipython
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        # Every kind of InputError reaches papermill (and make) as an InputError: already worded for the analyst.
        shown = InputError if issubclass(etype, InputError) else etype
        message = [f"{shown.__name__}: {value}"]
        shell._showtraceback(shown, value, message)
        return message

    shell.set_custom_exc((InputError, ParameterError), handler)
