"""The report step: the yearly report (HTML, PDF) and the results workbook, from the processed tables."""
