"""A value's notes as a reader sees them: indicators.csv stores each note as a code and values (`note_values`),
and every reader words them in its own language (helpers.core.wording.notes_text)."""
from helpers.core.wording import notes_text, words


def said(row, lang: str = "en") -> str:
    """The notes of one indicators row (a pandas row or an itertuples row) in `lang`."""
    return notes_text(getattr(row, "note_values"), words(lang))
