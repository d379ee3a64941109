"""The analysis step: counties against the province and each other; growth, progress and trends."""
from helpers.analyse.comparison import comparison_table
from helpers.analyse.inputs import AnalysisInputs, load_inputs, load_run_inputs, notebook_inputs
from helpers.analyse.outlook import outlook_table
from helpers.analyse.progress import progress_table, target_counts
from helpers.analyse.tables import (
    TABLES,
    TablesDoNotMatch,
    build_tables,
    build_tables_for_run,
    compute_tables,
    read_tables,
    tables_for_notebook,
)

__all__ = ["TABLES", "AnalysisInputs", "TablesDoNotMatch", "build_tables", "build_tables_for_run", "comparison_table",
           "compute_tables", "load_inputs", "load_run_inputs", "notebook_inputs", "outlook_table", "progress_table",
           "read_tables", "tables_for_notebook", "target_counts"]
