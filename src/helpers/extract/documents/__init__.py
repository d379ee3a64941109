"""Plan documents as published (.docx, web page, PDF; .doc and .wps through LibreOffice): one model
(model.py), a reader per format (word.py, web.py, pdf.py), and the dispatch by file type (read.py)."""
