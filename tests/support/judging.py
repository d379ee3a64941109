"""What the tests of plan_judgement share: the plan they judge against, the records it reads, and its notes as a
reader sees them."""
from helpers.core.config import load_sources
from helpers.core.wording import notes_text, words


def anji_plan():
    """安吉's 十四五 plan, as config/sources.yaml gives it (base 2020, target 2025)."""
    return next(p for p in load_sources().plans if p.entity == "anji")


def observed(*values) -> list[dict]:
    """(year, value, comparator) → the records plan_judgement reads (observed_up_to's)."""
    return [{"year": y, "value": v, "comparator": c, "kind": "actual"} for y, v, c in values]


def target(value, cumulative=False, comparator="=") -> dict:
    """The plan's 2025 target; `cumulative`: a 〔〕 target over the period."""
    return {"year": 2025, "value": value, "comparator": comparator, "cumulative": cumulative}


def said(judged: dict, lang: str) -> str:
    """The judgement's notes, in `lang`, as the report writes them."""
    return notes_text(judged["evaluation_notes"], words(lang), "evaluation_notes")
