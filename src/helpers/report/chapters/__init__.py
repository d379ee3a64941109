"""The report's chapters, one a module, each a function of the typed context (helpers.report.context) that
returns the chapter's HTML, built from helpers.report.blocks. The report notebook (notebooks/04_report.ipynb)
shows them in order; its cells' tags say which document holds each (brief, report or both):

    title        the title block and which plan the year evaluates          both
    scorecard    page 1: the headline judgements (summary) and the scorecard  both
    plan         the final evaluation, or 完成进度 against 序时进度             both
    progress     growth, completion and trends (the brief: its key figures)  both
    province     targets against the province's                              report
    counties     county against county                                       both
    outlook      drafting the next plan                                      both
    appendices   the data step, sources, method                              report
"""
from helpers.report.chapters import (
    appendices,
    counties,
    outlook,
    plan,
    progress,
    province,
    scorecard,
    summary,
    title,
)

__all__ = ["appendices", "counties", "outlook", "plan", "progress", "province", "scorecard", "summary", "title"]
