"""`python -m helpers COMMAND`: see helpers.cli."""
import sys

from helpers.cli import main

sys.exit(main(handle_signals=True))
