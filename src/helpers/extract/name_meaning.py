"""What a monitoring sheet's name, its value column's header or a workbook's file name says of the figures under it,
beyond their rows: that they are not a year's actual values (targets, a draft, estimates, instructions), that they
are for part of a year (1-6月, 上半年, Q1), and which years they are for (数值（2023年）, 二〇二三年, 23年).

One home for these words, in Chinese and English (docs/monitoring.md says how each is used). A workbook's figures
are read as the years' actual values; a name or header that says otherwise stops the run at the figure, since
reading them as actuals, or skipping them, would be a guess about the analyst's intent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.core.text import normalise

# Words that say the figures are not actual values, by what they say the figures are. A Chinese word is found
# anywhere in the text (Chinese has no spaces between words); an English one at the start of a word, any case
# (`plan` in Plan, plans, 2025plan, never in explanation).
TARGETS = ("目标", "计划", "规划", "考核值", "考核任务", "任务数", "任务值", "指标任务", "期望",
           "target", "plan", "goal", "objective", "quota")
DRAFTS = ("草稿", "初稿", "草案", "征求意见稿", "draft")
ESTIMATES = ("预计", "预测", "预估", "估计", "估算", "测算", "预期", "展望",
             "forecast", "estimate", "estimated", "projection", "projected", "expected", "outlook")
INSTRUCTIONS = ("说明", "示例", "样例", "范例", "instruction", "example", "sample", "readme")
# Words that say the figures are actual values, against targets: 目标完成情况 (the targets' completion), 计划执行情况,
# 十四五规划监测数据, Plan vs actual. They outweigh a target word, never an estimate's or a draft's (预计完成 is an
# estimate of what will be completed; 完成情况（草稿） a draft).
ACTUALS = ("完成", "实际", "实绩", "实现值", "达成", "执行情况", "实施情况", "监测数", "监测值", "监测表", "监测结果",
           "统计数据", "actual", "achieved", "outturn")

SAYS = {"targets": TARGETS, "a draft": DRAFTS, "estimates or forecasts": ESTIMATES,
        "instructions or examples": INSTRUCTIONS}


@dataclass(frozen=True)
class Said:
    """What a name or header says its figures are (`what`, as in SAYS or PART_YEAR), and the words that say it."""
    what: str
    words: str


PART_YEAR = "for part of a year"


def _found(word: str, text: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![a-z]){re.escape(word)}", text) is not None
    return word in text


def _text(raw: str) -> str:
    """The text as matched: normal form, lower case, and each run of spaces one space (a header of 30,000 spaces made
    the patterns' neighbouring \\s* try every way of sharing them: 15 s for one cell)."""
    return re.sub(r"\s+", " ", normalise(str(raw))).lower()


def not_actuals(raw: str, instructions: bool = True) -> Said | None:
    """What the text says its figures are when it says they are not actual values, else None. `instructions`:
    whether instruction words count (a file named README_2023数据.xlsx holds figures; a sheet named 说明, examples)."""
    text = _text(raw)
    actual = any(_found(word, text) for word in ACTUALS)
    for what, words in SAYS.items():
        if (what == "targets" and actual) or (what == "instructions or examples" and not instructions):
            continue
        word = next((w for w in words if _found(w, text)), None)
        if word:
            return Said(what, word)
    return None


# ----------------------------------------------------------------------------- part of a year

# A month, 1–12, in digits or Chinese numerals (六月, 十一月).
_MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_CHINESE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}
_TO = r"\s*(?:月份?|月)?\s*[-–—―~至到]\s*"
_MONTHS = re.compile(
    rf"(?<![0-9]){_MONTH}{_TO}{_MONTH}\s*月"                               # 1-6月, 1至9月, 一至六月: a range
    rf"|(?:截至|截止到?|至|到)\s*(?:(?:19|20)[0-9]{{2}}\s*年\s*)?{_MONTH}\s*月"    # 截至6月, 至2025年9月: to a month
    rf"|(?<![0-9]){_MONTH}\s*月\s*(?:末|底)"                                 # 6月末, 9月底: a month's end
    rf"|(?<![0-9十]){_MONTH}\s*月(?!\s*(?:[-–—―~至到]|份?\s*[-–—―~至到]))")   # 6月: a month alone
_QUARTERS = re.compile(r"(?<![0-9])([一二三四1-4])\s*[-–—―~至到]\s*([一二三四1-4])\s*季度?"   # 1-3季度
                       r"|前\s*([一二三四1-4])\s*个?\s*季度?"                             # 前三季度
                       r"|第?[一二三四1-4]\s*季度"                                         # 一季度, 第2季度
                       r"|(?<![a-z])(?:q[1-4]|h[12])(?![0-9])|上半年|下半年|半年"          # Q1, H1, 上半年
                       r"|季度|月度"                                                      # 季度数据, 分月度
                       r"|(?<![a-z])(?:ytd|year[- ]to[- ]date|quarter|half[- ]year|first half|second half)")


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _CHINESE[text]


def part_year(raw: str, month_alone: bool = True) -> Said | None:
    """The words saying the figures are for part of a year (1-6月, 截至9月, 6月末, 上半年, 前三季度, Q1), else None.
    The whole year is not part of it: 1-12月, 截至12月, 12月末, 前四季度, 1-4季度. `month_alone`: whether a month
    alone (6月) counts; in a file's name it is often the date the file was sent (2024年数据（2025年3月报送）)."""
    text = _text(raw)
    for match in _MONTHS.finditer(text):
        first, last, to, end, alone = match.groups()
        if first is not None:
            whole = _month(first) == 1 and _month(last) == 12
        elif alone is not None:     # (12月: the year's last month, its end)
            whole = not month_alone or _month(alone) == 12
        else:
            whole = _month(to or end) == 12
        if not whole:
            return Said(PART_YEAR, match.group().strip())
    for match in _QUARTERS.finditer(text):
        first, last, up_to = match.groups()
        whole = (first is not None and (_month(first), _month(last)) == (1, 4)) or \
                (up_to is not None and _month(up_to) == 4)
        if not whole:
            return Said(PART_YEAR, match.group().strip())
    return None


# ----------------------------------------------------------------------------- years

_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_NUMERALS = "[〇零○一二三四五六七八九]{4}"
_CHINESE_YEAR = re.compile(rf"{_NUMERALS}(?=\s*(?:年|[-–—―~至到]))|(?<=[-–—―~至到]){_NUMERALS}")
# Years: 2023, a span 2021—2025 (2021年至2023年); a year of two digits with 年 (23年, 21-23年) is 20xx, but not a
# count of years (近10年, 10年来).
_YEARS = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})"
                    r"(?:\s*(?:年\s*)?[-–—―~至到]\s*((?:19|20)[0-9]{2}))?(?![0-9])"
                    r"|(?<![0-9近前后第每])([0-9]{2})(?:\s*(?:年\s*)?[-–—―~至到]\s*([0-9]{2}))?\s*年(?![来间内])")


def stated_years(raw: str) -> list[tuple[int, int]]:
    """The years or spans of years a header names: 数值（2023年） [(2023, 2023)], 数值（2021—2025年） [(2021, 2025)],
    数值（二〇二三年） and 数值（23年） [(2023, 2023)]."""
    text = _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), _text(raw))
    spans = []
    for four, four_end, two, two_end in _YEARS.findall(text):
        if four:
            spans.append((int(four), int(four_end or four)))
        else:
            spans.append((2000 + int(two), 2000 + int(two_end or two)))
    return spans
