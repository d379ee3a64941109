"""Running the steps: the command line `make` calls, the notebook runner and the run's parameters.

    cli               `python -m helpers COMMAND`: every step make runs; exit codes
    parameters        the report's parameters (year, counties, language, documents), checked before any build
    notebook_runner   executing a notebook with papermill on the project's kernel
    notebook_display  inside a notebook: a bad-input error shown as its message, not a traceback
    environment       is the environment complete? (`make setup`)
    stepdeps          which helper files each make step uses, from the import graph (`python -m helpers.run.stepdeps`)

The stages (extract, analyse, report) do the work; this package only starts them.
"""
