"""Helpers for the county talent-plan monitoring notebooks.

Notebooks stay thin: they call the functions here, which carry the logic and the tests.
"""

import sys

if sys.argv[:1] == ["-m"]:
    # `python -m helpers …` (what make runs): Ctrl-C or SIGTERM while the command is still starting, before it
    # sets its own handling (helpers.run.cli), is one line too, never a traceback; nothing was written yet.
    # Python's own start-up (before this line) would turn it into a KeyboardInterrupt traceback, so make starts
    # every step with the two signals blocked (`env --block-signal`, the Makefile's CLI): one that came meanwhile
    # waits, and arrives here, once they are unblocked.
    import os
    import signal

    from helpers.run.stopping import say_stopped

    def _stopped_while_starting(signum, frame):
        say_stopped("Nothing was replaced: the command had not started.", nothing_replaced=True)
        os._exit(130)

    for _signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signal, _stopped_while_starting)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})

# Speed: jsonschema imports rfc3987_syntax when it is installed (JupyterLab pulls it in), and that
# module compiles a grammar at import: 1.2 s in every process that reads or runs a notebook. Notebook
# validation never checks IRI formats, so without it jsonschema simply skips that one format check.
sys.modules.setdefault("rfc3987_syntax", None)

from helpers.run.notebook_display import show_input_errors_briefly  # noqa: E402

show_input_errors_briefly()

# A copied project folder's environment runs the original's helpers; run directly (not by make, which names the
# folder), they would work on the original's files. Refused here, before anything is read or written.
from helpers.run.project_folder import refuse_another_project  # noqa: E402

refuse_another_project()
