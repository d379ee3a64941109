"""The method's parameters (config/method.yaml): the one home of each number the analysis judges with and the
reports state. The analysis reads them with `method_parameters()`; the wording's {method.…} placeholders are filled from
`wording_values()` when a wording file is read, so no text restates a number.

Read with line numbers like the other config files: a missing or unknown key, or a value of the wrong kind or
out of range, stops the run with the file, the line and what to write instead.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from helpers.core import paths
from helpers.core.config import LINE, load_yaml
from helpers.core.errors import InputError

METHOD_FILE = "method.yaml"

# Every key, with its kind, its smallest and largest value and what it means, for messages. Every number is capped:
# a count of rows, panels or counties of 10**12 would have the report build a figure or a table until memory runs out,
# and a threshold of a million judges nothing. The caps are far above any report's use.
KEYS = {
    "progress.on_track": (float, 0, 10, "the progress ratio R from which a series is on track"),
    "progress.needs_acceleration": (float, 0, 10, "the R from which a series needs acceleration"),
    "progress.limited_progress": (float, -10, 10, "the R from which a series makes limited progress"),
    "schedule_tolerance_points": (float, 0, 100, "percentage points either side of the schedule share"),
    "many_counties": (int, 1, 100, "the number of counties above which counties are ranked, not paired"),
    "prediction_intervals.wide": (float, 1, 99.9, "the wide prediction interval, in per cent"),
    "prediction_intervals.narrow": (float, 1, 99.9, "the narrow prediction interval, in per cent"),
    "report.panels_per_figure": (int, 1, 16, "small charts in one figure"),
    "report.rows_per_figure": (int, 1, 40, "rows of a one-axes chart"),
    "report.rows_with_many_counties": (int, 1, 200, "rows a table keeps when there are many counties"),
    "report.scorecard_halves_up_to": (int, 0, 20, "counties up to which the scorecard has two halves"),
    "monitoring.out_of_line_factor": (float, 2, 1000, "how many times a workbook's value may exceed the county's "
                                      "other figures for the indicator (or fall below them) before the data step "
                                      "stops at its cell"),
    "pdf_ink.no_ink": (int, 1, 254, "the contrast (of 255) under which a PDF's character leaves no ink and is not "
                       "read"),
    "pdf_ink.faint": (int, 1, 255, "the contrast (of 255) under which a PDF's digit is too faint to read for sure"),
    "pdf_ink.overprinted": (float, 0.01, 1, "the share of the smaller glyph's box two glyphs share when printed over "
                            "one another"),
    "pdf_ink.struck_from": (float, 0, 1, "the lowest a line may cross a PDF's character, in its size above the "
                            "baseline, to strike it through"),
    "pdf_ink.struck_to": (float, 0, 1, "the highest a line may cross a PDF's character, in its size above the "
                          "baseline, to strike it through"),
    "pdf_note_marks.smaller": (float, 0.1, 1, "the share of its line's text size under which a PDF's character is "
                               "set smaller"),
    "pdf_note_marks.raised": (float, 0, 1, "how far off the baseline, in its line's height, a smaller character is "
                              "a note mark"),
    "pdf_watermark.shade": (float, 0.05, 1, "the shade (0 black, 1 white) from which a PDF's text is light"),
    "pdf_watermark.size": (float, 1.1, 100, "how many times the page's text size a PDF's text is drawn at to be "
                           "large"),
    "pdf_watermark.turn_degrees": (float, 0.5, 44, "how far from a right angle a PDF's text is turned to be turned "
                                   "diagonally"),
    "pdf_watermark.see_through": (float, 0, 0.9, "the opacity at or under which a PDF's shape is seen through (a "
                                  "watermark's)"),
}
# Keys whose smallest value is itself refused: why, and a value that does what it was likely meant to (redteam18
# finding 7: a tolerance of 0 judged a figure exactly on schedule, 60.0% against 60.0%, ahead, and the brief said
# "相差不到0个百分点为符合").
ABOVE_LOW = {
    "schedule_tolerance_points": ("at 0 no figure would be on schedule, and one exactly on the schedule share would "
                                  "be called ahead (快于序时进度)",
                                  "0.1 calls on schedule only a figure within a tenth of a point of the schedule "
                                  "share"),
}


def _bounds(key: str) -> str:
    """The range a key's value should be in, as a message says it."""
    _, low, high, _ = KEYS[key]
    return f"above {low} and at most {high}" if key in ABOVE_LOW else f"between {low} and {high}"


@dataclass(frozen=True)
class Method:
    path: Path
    on_track: float                  # progress ratio thresholds (helpers.analyse.growth.category_for_ratio)
    needs_acceleration: float
    limited_progress: float
    schedule_tolerance: float        # a share: 5 points is 0.05 (helpers.analyse.evaluation.schedule_judgement)
    many_counties: int
    wide_level: float                # a probability: 95% is 0.95 (helpers.analyse.trends)
    narrow_level: float
    panels_per_figure: int
    rows_per_figure: int
    rows_with_many_counties: int
    scorecard_halves_up_to: int
    out_of_line_factor: float        # helpers.extract.monitoring.check_in_line
    no_ink: int                      # a PDF character's contrast: helpers.extract.documents.pdf._inked
    faint: int
    overprinted: float               # the rest: helpers.extract.documents.pdf, where each is used
    struck_band: tuple[float, float]
    note_mark_smaller: float
    note_mark_raised: float
    watermark_shade: float
    watermark_size: float
    watermark_turn: float            # in radians
    watermark_see_through: float
    lines: dict = field(default_factory=dict, compare=False)   # key -> its line in the file, for messages

    def wording_values(self) -> dict[str, str]:
        """Each parameter as the wording writes it, under its {method.…} placeholder."""
        return {
            "method.progress.on_track": f"{self.on_track:g}",
            "method.progress.needs_acceleration": f"{self.needs_acceleration:g}",
            "method.progress.limited_progress": f"{self.limited_progress:g}",
            "method.schedule_tolerance_points": f"{self.schedule_tolerance * 100:g}",
            "method.many_counties": f"{self.many_counties}",
            "method.wide": f"{self.wide_level * 100:g}%",
            "method.narrow": f"{self.narrow_level * 100:g}%",
            "method.rows_with_many_counties": f"{self.rows_with_many_counties}",
        }


def _value(doc: dict, key: str, path: Path):
    node, parent = doc, doc
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            line = parent.get(LINE) if isinstance(parent, dict) else None
            raise InputError(path, line, f"`{key}` is missing ({KEYS[key][3]})",
                             f"add it (`git diff {paths.display_path(path)}` shows what changed).")
        parent, node = node, node[part]
    kind, low, high, meaning = KEYS[key]
    line = _line(doc, key)
    number = isinstance(node, (int, float)) and not isinstance(node, bool) and math.isfinite(node)
    if not number or (kind is int and node != int(node)):
        raise InputError(path, line, f"`{key}` should be {'a whole number' if kind is int else 'a number'} "
                         f"{_bounds(key)} ({meaning}) but is {node!r}",
                         "write a number in that range, as in the version in git.")
    if not low <= node <= high:
        raise InputError(path, line, f"`{key}` is {node}: it should be {_bounds(key)} ({meaning})",
                         "write a value in that range.")
    if key in ABOVE_LOW and node == low:
        why, example = ABOVE_LOW[key]
        raise InputError(path, line, f"`{key}` is {node}: it should be {_bounds(key)} ({meaning}): {why}",
                         f"write a value in that range ({example}).")
    return kind(node)


def _line(doc: dict, key: str) -> int | None:
    """The line of a key (progress.on_track), or of the nearest section that holds it."""
    node, line = doc, doc.get(LINE)
    for part in key.split("."):
        if not isinstance(node, dict):
            break
        line = getattr(node, "key_lines", {}).get(part) or node.get(LINE) or line
        node = node.get(part)
    return line


def _unknown_keys(node: dict, path: Path, prefix: str = "") -> None:
    known = {k.split(".")[0] if not prefix else k[len(prefix):].split(".")[0]
             for k in KEYS if k.startswith(prefix)}
    for key in node:
        if key == LINE:
            continue
        full = prefix + str(key)
        if key not in known:
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f"write `{prefix}{close[0]}` (the likely meaning), or remove it. " if close else "remove it. "
            raise InputError(path, getattr(node, "key_lines", {}).get(key) or node.get(LINE),
                             f"`{full}` is not a method parameter",
                             f"{hint}The parameters are: {', '.join(k for k in KEYS if k.startswith(prefix))}.")
        if isinstance(node[key], dict):
            _unknown_keys(node[key], path, full + ".")


def load_method(config_dir: Path = paths.CONFIG_DIR) -> Method:
    path = Path(config_dir) / METHOD_FILE
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise InputError(path, None, "the file should be 'name: value' lines, as in the version in git",
                         f"restore it (`git checkout -- {paths.display_path(path)}`) and change only the values.")
    _unknown_keys(doc, path)
    v = {key: _value(doc, key, path) for key in KEYS}
    if not v["progress.on_track"] > v["progress.needs_acceleration"] > v["progress.limited_progress"]:
        raise InputError(path, doc.key_lines["progress"], "the progress thresholds should fall: on_track above "
                         "needs_acceleration above limited_progress", "reorder the three values.")
    if not v["prediction_intervals.wide"] > v["prediction_intervals.narrow"]:
        raise InputError(path, doc.key_lines["prediction_intervals"], "the wide prediction interval should be "
                         "wider than the narrow one", "make `wide` the larger per cent.")
    if not v["pdf_ink.no_ink"] <= v["pdf_ink.faint"]:
        raise InputError(path, doc.key_lines["pdf_ink"], "`pdf_ink.no_ink` should not be above `pdf_ink.faint` "
                         "(no ink is fainter than faint)", "make `faint` the larger number.")
    if not v["pdf_ink.struck_from"] < v["pdf_ink.struck_to"]:
        raise InputError(path, doc.key_lines["pdf_ink"], "`pdf_ink.struck_from` should be below `pdf_ink.struck_to` "
                         "(the band a strike line crosses)", "make `struck_to` the larger number.")
    return Method(path, v["progress.on_track"], v["progress.needs_acceleration"], v["progress.limited_progress"],
                  v["schedule_tolerance_points"] / 100, v["many_counties"], v["prediction_intervals.wide"] / 100,
                  v["prediction_intervals.narrow"] / 100, v["report.panels_per_figure"], v["report.rows_per_figure"],
                  v["report.rows_with_many_counties"], v["report.scorecard_halves_up_to"],
                  v["monitoring.out_of_line_factor"], v["pdf_ink.no_ink"], v["pdf_ink.faint"], v["pdf_ink.overprinted"],
                  (v["pdf_ink.struck_from"], v["pdf_ink.struck_to"]), v["pdf_note_marks.smaller"],
                  v["pdf_note_marks.raised"], v["pdf_watermark.shade"], v["pdf_watermark.size"],
                  math.radians(v["pdf_watermark.turn_degrees"]),
                  v["pdf_watermark.see_through"],
                  {key: _line(doc, key) for key in KEYS})


# The run's config folder (--config-dir; make's CONFIG_DIR), set by each step as it reads its config (use_config_dir):
# the method is read from its method.yaml, as sources.yaml and catalogue.yaml are (redteam17 finding 5: the project's
# config/method.yaml judged whatever CONFIG_DIR said).
_RUN = {"config_dir": paths.CONFIG_DIR, "method": None}


def use_config_dir(config_dir: Path) -> None:
    """The run's config folder: method_parameters() reads its method.yaml from now on in this process."""
    if Path(config_dir) != _RUN["config_dir"]:
        _RUN.update(config_dir=Path(config_dir), method=None)


def method_file(config_dir: Path) -> Path:
    """The method.yaml a config folder's run reads: its own; a config folder without one (sources.yaml and
    catalogue.yaml are all a config folder needs: helpers.run.parameters.CONFIG_FILES) the project's
    config/method.yaml."""
    own = Path(config_dir) / METHOD_FILE
    return own if own.exists() or own.is_symlink() else paths.CONFIG_DIR / METHOD_FILE


def method_parameters() -> Method:
    """The run's method (method.yaml of the config folder the run was given, else config/method.yaml), read once
    per process and folder (every wording lookup asks: kept at hand, not looked for again)."""
    if _RUN["method"] is None:
        _RUN["method"] = _method_at(method_file(_RUN["config_dir"]))
    return _RUN["method"]


@lru_cache(maxsize=None)
def _method_at(path: Path) -> Method:
    return load_method(path.parent)
