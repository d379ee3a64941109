"""`python -m helpers COMMAND`: see helpers.run.cli."""
import sys

from helpers.run.cli import main

sys.exit(main(handle_signals=True))
