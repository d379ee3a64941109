"""The analysis step: counties against the province and each other; growth, progress and trends."""
from helpers.analyse.comparison import comparison_table
from helpers.analyse.inputs import AnalysisInputs, load_inputs, write_table
from helpers.analyse.outlook import outlook_table
from helpers.analyse.progress import progress_table, target_counts

__all__ = ["AnalysisInputs", "comparison_table", "load_inputs", "outlook_table", "progress_table", "target_counts",
           "write_table"]
