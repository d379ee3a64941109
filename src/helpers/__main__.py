"""`python -m helpers COMMAND`: see helpers.run.cli."""
import os
import signal
import sys

from helpers.core.errors import NOTHING_REPLACED
from helpers.run.stopping import say_stopped


def _stopped_while_starting(signum, frame):
    """Ctrl-C or SIGTERM (make stopped) before the command has started: nothing is touched yet, so one line and
    out (helpers.run.cli installs the handler that cleans up once the command runs)."""
    say_stopped(NOTHING_REPLACED, nothing_replaced=True)
    os._exit(130)


for _signal in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signal, _stopped_while_starting)

from helpers.run.cli import keep_tools_in_the_project, main  # noqa: E402  (after the handler: it takes a moment)

keep_tools_in_the_project(lab=sys.argv[1:2] == ["lab"])
sys.exit(main(handle_signals=True))
