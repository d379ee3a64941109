"""What a monitoring sheet's name, its value column's header or a workbook's file name says of the figures under it,
beyond their rows: that they are not a year's actual values (targets, a draft, estimates, instructions), that they
are for part of a year (1-6月, 上半年, Q1), and which years they are for (数值（2023年）, 二〇二三年, 23年).

One home for these words, in Chinese and English (docs/monitoring.md says how each is used). A workbook's figures
are read as the years' actual values; a name or header that says otherwise stops the run at the figure, since
reading them as actuals, or skipping them, would be a guess about the analyst's intent.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from helpers.core.text import arabic_years, normalise
from helpers.core.values import ESTIMATES

# Words that say the figures are not actual values, by what they say the figures are. A Chinese word is found
# anywhere in the text (Chinese has no spaces between words); an English one as a whole word or its plural, any case
# (`plan` in Plan, plans, 2025plan, never in explanation; `test` in Test1, never in testing, latest or contest). A
# budget is a target (预算数; 预算执行数 is actuals), and so
# are figures to strive for (力争, 争取), handed down (下达数, 任务), to guide or hold to (指导值, 控制数, 上限, 限额)
# and proposed (拟: 拟定, 拟完成).
TARGETS = ("目标", "计划", "规划", "考核值", "考核任务", "任务数", "任务值", "指标任务", "任务", "期望", "预算",
           "力争", "争取", "下达", "指导值", "指导数", "指导性", "控制数", "控制值", "控制指标", "上限", "下限",
           "限额", "限值", "拟",
           "target", "plan", "planned", "goal", "objective", "quota", "budget", "budgeted")
# A draft: its words, and a draft's number (第二稿, 第3稿). 征求意见 says a draft however it is named (征求意见稿,
# 征求意见版, 公开征求意见); 初步方案 is a preliminary scheme, a plan's draft. 定稿, 终稿, 审定稿 and 印发稿 are the
# final text, no draft, and so is no word ending in 稿 unless it is listed (a draft's family is named by what it was
# for: 送审, 报审, 预审, 评审, 论证, 代拟, 建议).
# (The longer first: a file's name is renamed without the word found, 征求意见稿 whole, not 征求意见 and a 稿 left.)
DRAFTS = ("草稿", "初稿", "草案", "征求意见稿", "征求意见版", "征求意见", "意见征求稿", "讨论稿", "送审稿",
          "报审稿", "预审稿", "评审稿", "专家论证稿", "论证稿", "审议稿", "修改稿", "修订稿", "报批稿", "代拟稿",
          "建议稿", "草拟稿", "未定稿", "初步方案", "draft")
DRAFT_NUMBER = re.compile(r"第 ?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3}) ?稿")
# Estimates (预计, 预估, forecast …): their one home is helpers.core.values.ESTIMATES. Preliminary counts are not
# estimates: a whole year's 快报, 初步统计, 初步数 and figures not yet approved (未审定) are the year's counted values,
# read as its actuals until the final figures replace them (docs/monitoring.md); 2023P is read as an estimate's year,
# not a preliminary count's (ESTIMATED below), since P is as often projected as preliminary.
# Instructions, examples, and the blank forms (样表, 模板, template) whose figures are examples: sheets and headers
# only, since a filled-in template may keep its file's name (监测模板.xlsx).
INSTRUCTIONS = ("说明", "示例", "样例", "范例", "样表", "模板", "示意", "演示",
                "instruction", "example", "sample", "readme", "template")
# Figures made up or simulated, in a test or a dummy: never any year's values, in any name.
MADE_UP = ("假数据", "虚假", "虚拟", "虚构", "模拟", "测试", "仿真", "test", "dummy", "mock", "fake", "fictitious",
           "simulated", "simulation")
# Reference figures: a standard, a norm or a theoretical value, no county's count.
REFERENCES = ("标准值", "参考值", "理论值", "基准值")
# Words that say the figures are actual values, against targets: 目标完成情况 (the targets' completion),
# 计划执行情况, 十四五规划监测数据, 预算执行数, 规划中期评估 (the plan's evaluation), Plan vs actual. They outweigh
# a target word, never an estimate's or a draft's (预计完成 is an estimate of what will be completed; 完成情况（草稿）
# a draft).
ACTUALS = ("完成", "实际", "实绩", "实现值", "达成", "执行情况", "实施情况", "执行数", "决算", "监测数", "监测值",
           "监测表", "监测结果", "统计数据", "评估", "actual", "achieved", "outturn")
# Of those, the names of a report on how the year went (完成情况, 执行情况, 监测数据, 评估, 决算): a target word
# beside one names what is reported on (目标完成情况, 任务完成情况, 计划执行情况, 十四五规划监测数据, 规划中期评估,
# 预算执行数), read as actuals. Beside a bare word of the values achieved (完成, 实际, 实绩, actual), a target word
# names a second kind of figure: 2023年目标完成, 2023年完成目标, 2023年计划 实际, 2023年目标(实际), target vs actual
# may head targets, actual values or the rates of one to the other (a sheet of targets and actuals, or of
# completion rates), which one value column cannot tell, so such a name stops (BOTH, docs/monitoring.md).
REPORTS_OF_ACTUALS = ("完成情况", "执行情况", "实施情况", "执行数", "决算", "监测数", "监测值", "监测表", "监测结果",
                      "统计数据", "评估")
BOTH = "both targets and actual values"
# Targets written with an actual word, which it does not outweigh: 计划完成数 (the planned completion: a target, where
# 计划完成情况 is the plan's completion, actuals), 应完成 (to be completed), 拟完成 (planned to be completed).
PLANNED = re.compile(r"计划\s*完成\s*(?:数|值|额|量|指标|目标|任务)|应\s*完成|(?<![模虚])拟\s*完成")
# Estimates written as a year with a letter, as financial tables do: 2025E, 2025年E, 2025F, 2025P (projected, or
# preliminary: which cannot be told), 2025(e); est.; and 估 alone in brackets, (估), (估数), (估值) (估 is not an
# estimate word anywhere: 评估 is an evaluation, 评估数据 its figures).
ESTIMATED = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2} ?(?:年 ?)?(?:[efp]|\( ?[efp] ?\))(?![a-z])"
                       r"|(?<![a-z])est(?:\.|(?![a-z]))|\( ?[估预] ?[数值]? ?\)")
# 预期目标 is the plan's target (2030年预期目标), and 预期性 a target's attribute (an expected, not binding, one):
# neither says its figures are estimates, though 预期 alone (2025年预期) does.
NOT_AN_ESTIMATE = re.compile(r"预期(?=目标|性)")
# A figure for the start of a year or period is the end of the one before (年初 2023 is 年末 2022), read as the year's
# own it is a year late: 年初, 年初数, 期初, 初值, 基数, 基期 (not 年初步, 年初至今: preliminary, and to date).
# (A plan's header names its year's start with 年初 alone: 2025年初 is the end of 2024, extract.tables.header_roles;
# 基期, 基数 head the base year's own figures there.)
YEAR_START = r"年初(?:数|值)?(?!步|至|到|以来|今)"
START = re.compile(YEAR_START + r"|期初|初值|初始值|基数|基期|基准年|基线"
                   r"|(?<![a-z])(?:opening|beginning of|start of)(?![a-z])")

# The traditional characters of these words and of those for part of a year below, with their simplified forms: 預計,
# 目標, 計劃數 and 預測值 say what 预计, 目标, 计划数 and 预测值 do. Only these words' characters: the text is matched
# with them, never shown (no converter library is installed, and one would be a heavy dependency for some fifty
# characters).
TRADITIONAL = str.maketrans("預計劃測標規務數額應擬徵見討論審議說樣範實際績現達執況監結統據決個兩報來當"
                            "暫爭導虛試準線參構評綱進檢價總頭彙齡資發題訂調讀編圖證專張",
                            "预计划测标规务数额应拟征见讨论审议说样范实际绩现达执况监结统据决个两报来当"
                            "暂争导虚试准线参构评纲进检价总头汇龄资发题订调读编图证专张")

SAYS = {"test or made-up figures": MADE_UP, "estimates or forecasts": ESTIMATES, "targets": TARGETS, "a draft": DRAFTS,
        "reference values": REFERENCES, "instructions or examples": INSTRUCTIONS}
START_OF_YEAR = "for the start of the year, the end of the year before"


@dataclass(frozen=True)
class Said:
    """What a name or header says its figures are (`what`, as in SAYS or PART_YEAR), and the words that say it."""
    what: str
    words: str
    pieces: tuple[str, ...] = ()    # (NOT_UNDERSTOOD: each piece of the words, as found)


PART_YEAR = "for part of a year"


def _found(word: str, text: str) -> bool:
    if word.isascii():     # a whole word, or its plural: test, tests, Test1, not testing or latest
        return re.search(rf"(?<![a-z]){re.escape(word)}(?:e?s)?(?![a-z])", text) is not None
    return word in text


def simplified(text: str) -> str:
    """The text with these words' traditional characters simplified, each one character for one (positions kept)."""
    return text.translate(TRADITIONAL)


def _text(raw: str) -> str:
    """The text as matched: normal form, simplified characters, lower case, each run of spaces one space (a header
    of 30,000 spaces made the patterns' neighbouring \\s* try every way of sharing them: 15 s for one cell), and a
    year in Chinese numerals in digits (二〇二四年数据: arabic_years; a 备注 saying so on a 2025 row was read as the
    year's actual)."""
    return arabic_years(re.sub(r"\s+", " ", simplified(normalise(str(raw)))).lower())


def estimate_word(raw: str) -> str | None:
    """The word in the text that says its figures are estimates (预计, 预估, 估计, 2025E, 2025年E, (估), estimated …),
    else None (2030年预期目标: the target): a plan's header matched by any pattern keeps what it says (2025年（预估）,
    规划目标2025年（预计）)."""
    text = NOT_AN_ESTIMATE.sub(" ", _text(raw))
    word = next((w for w in ESTIMATES if _found(w, text)), None)
    found = word is None and ESTIMATED.search(text)
    return found.group() if found else word


def year_start(raw: str) -> str | None:
    """The words saying a plan's header gives the start of its year (2025年初, 2025年初值: the end of 2024), else
    None (2025年初步, 2025年初至今: preliminary, and to date)."""
    found = re.search(YEAR_START, _text(raw))
    return found.group() if found else None


def not_actuals(raw: str, instructions: bool = True) -> Said | None:
    """What the text says its figures are when it says they are not the year's actual values (or are its start's,
    the year before's end: START_OF_YEAR), else None. `instructions`:
    whether instruction words count (a file named README_2023数据.xlsx holds figures; a sheet named 说明, examples)."""
    text = _text(raw)
    planned = PLANNED.search(text)
    if planned:
        return Said("targets", planned.group())
    actual = next((word for word in ACTUALS if _found(word, text)), None)
    reported = actual and any(_found(word, text) for word in REPORTS_OF_ACTUALS)
    for what, words in SAYS.items():
        if what == "targets" and actual:
            target = None if reported else next((w for w in words if _found(w, text)), None)
            if target:      # (目标完成: the target word, the one a name of actual values drops)
                return Said(BOTH, f"{target}, {actual}", (target,))
            continue
        if what == "instructions or examples" and not instructions:
            continue
        word = next((w for w in words if _found(w, text)), None)
        if word is None and what == "estimates or forecasts":
            found = ESTIMATED.search(text)
            word = found and found.group()
        if what == "a draft":
            word = draft_word(text)
        if word:
            return Said(what, word)
    start = START.search(text)
    return Said(START_OF_YEAR, start.group()) if start else None


# ----------------------------------------------------------------------------- part of a year

# A month, 1–12, in digits or Chinese numerals (六月, 十一月), or in English (Jun, June, Sept); a count of months
# (前两个月); a year, a day, and the separators of a date written with digits (2023.6.30, 2023-06, 2023/6).
_MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_COUNT = r"(1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
_DIGITS = r"(1[0-2]|0?[1-9])"
_ENGLISH = (r"(?<![a-z])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR = r"(?:19|20)[0-9]{2}"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_SEP = r" ?[./-] ?"
_CHINESE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12, "两": 2}
# A date written without separators, as systems export them (yyyymm, yyyymmdd; yyyy_mm, yyyy_mm_dd): 202306,
# 20230630, 2023_06. Only a calendar month and day make one (0630, 1231; not 1301, 0231 or 0631): any other run of
# digits after a year is no date (beyond_the_year: not understood).
_MM = r"(?:0[1-9]|1[0-2])"
_DD = r"(?:0[1-9]|[12][0-9]|3[01])"


def _month_day(sep: str) -> str:
    return (rf"(?:(?:0[13578]|1[02]){sep}{_DD}|(?:0[469]|11){sep}(?:0[1-9]|[12][0-9]|30)"
            rf"|02{sep}(?:0[1-9]|[12][0-9]))")


_COMPACT_TAIL = rf"(?:{_month_day('')}|{_MM}|_{_month_day('_')}|_{_MM})(?![0-9])"
_COMPACT = rf"(?<![0-9]){_YEAR}{_COMPACT_TAIL}"
# A date written so with a year of two digits (yymmdd, yymm), as offices often write it: 230630, 2306. Decision
# (docs/monitoring.md): a run of exactly six or four digits is such a date when it is a calendar date and its year is
# one of 2010–2032 but 2019 and 2020, the years a monitoring actual may plausibly have; else it is a label, as
# Sheet1 is. 33 begins every Zhejiang county's division code (330182 建德, 330122 桐庐, 330523 安吉: each a calendar
# date in 2033), and 19 and 20 begin a four-digit year (2012 is a year, 201231 begins as one: not understood, below).
_YY = r"(?:1[0-8]|2[1-9]|3[0-2])"
_SHORT = (rf"(?<![0-9a-z]){_YY}(?:{_month_day('')}|{_MM})"
          r"(?![0-9a-z]| ?(?:人(?!才)|[名个家件项万亿元户次位篇所]))")   # (x1001, Sheet2306: labels; 1106人: a count)
_SHORT_DATE = re.compile(_SHORT)
# A day after a month (12月15日, 2023.12.15, 15 December): a day before the year's end is part of the year.
_A_DAY = rf"(?P<day>{_DAY})"
_TO = r" ?(?:月份?|月)? ?[-–—―~至到] ?"
_UP_TO = r"(?:截至|截止到?|至|到)"
_AS_OF = r"(?<![a-z])(?:as of|as at|through|thru|up to|until|to the end of|to end of|ended|ending) "
_RANGE_EN = r" ?(?:[-–—―~]|to|through|thru|until) ?"


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    return _CHINESE[text] if text in _CHINESE else _MONTHS_EN.index(text[:3]) + 1


def _range(match: re.Match) -> bool:
    return (_month(match[1]), _month(match[2])) == (1, 12)


def _to_december(match: re.Match) -> bool:
    """Whether the month (the first group but a day) is December, and its day, if one is given, the 31st."""
    day_group = match.re.groupindex.get("day")
    month = next(g for i, g in enumerate(match.groups(), 1) if g is not None and i != day_group)
    return _month(month) == 12 and (day_group is None or match["day"] in (None, "31"))


def _never(match: re.Match) -> bool:
    return False


def _compact_whole(match: re.Match) -> bool:
    """Whether compact dates (截至20231231, 202312, 20230101-20231231) run to the year's end: the last is December
    (its 31st, when it has a day), and a range's first is January (its 1st)."""
    return _whole_dates([d if len(d) <= 4 else d[4:] for d in re.findall(r"[0-9]{4,8}",
                                                                          match.group().replace("_", ""))])


def _short_whole(match: re.Match) -> bool:
    """As _compact_whole, for dates with a year of two digits (231231, 2312, 230101-231231)."""
    return _whole_dates([d[2:] for d in re.findall(r"[0-9]{4,6}", match.group())])


def _whole_dates(dates: list[str]) -> bool:
    """Whether dates written mmdd or mm run to the year's end (the last is 1231 or 12, a range's first 0101 or 01)."""
    last, first = dates[-1], dates[0]
    return (last[:2] == "12" and last[2:] in ("", "31")
            and (len(dates) == 1 or (first[:2] == "01" and first[2:] in ("", "01"))))


# Months and dates: (pattern, whether what it matched is the whole year, whether it is a month or date alone, which a
# file's name holds as the date it was sent). The whole year is no part of it: 1-12月, 截至12月, 12月末, Jan-Dec.
_MONTH_PATTERNS = tuple((re.compile(pattern), whole, alone) for pattern, whole, alone in (
    (rf"(?<![0-9]){_MONTH}{_TO}{_MONTH} ?月", _range, False),                    # 1-6月, 1至9月, 一至六月
    (rf"(?<![0-9]){_YEAR} ?年 ?度? ?{_MONTH}{_TO}{_MONTH}(?! ?[0-9月季年日号])", _range, False),   # 2023年1-6
    (rf"{_UP_TO} ?(?:{_YEAR} ?年 ?)?{_MONTH} ?月(?: ?{_A_DAY} ?[日号])?", _to_december, False),
                                                                  # 截至6月, 至2025年9月, 截至2023年12月15日
    (rf"(?:截至|截止到?) ?(?:{_YEAR}{_SEP})?{_DIGITS}{_SEP}{_A_DAY}(?![0-9])", _to_december, False),
                                                                                  # 截至2023.6.30, 截至2023.12.15
    (rf"{_UP_TO} ?{_YEAR}{_SEP}{_DIGITS}(?:{_SEP}{_A_DAY})?(?![0-9])", _to_december, False),
                                                                                  # 截至2023.6, 至2023-06
    (rf"(?<![0-9]){_MONTH} ?月 ?(?:末|底)", _to_december, False),                 # 6月末, 9月底
    (rf"(?:前|头|近) ?{_COUNT} ?(?:个 ?)?月", _to_december, False),               # 前9个月, 前9月 (前12个月)
    (rf"{_ENGLISH}{_RANGE_EN}{_ENGLISH}", _range, False),                         # Jan-Jun, January to June
    (rf"{_AS_OF}(?:{_A_DAY} )?{_ENGLISH}", _to_december, False),                  # as of June, through 30 June
    (rf"{_AS_OF}{_ENGLISH} {_A_DAY},? {_YEAR}", _to_december, False),             # as of December 15, 2023
    (rf"{_AS_OF}{_YEAR}{_SEP}{_DIGITS}(?:{_SEP}{_A_DAY})?(?![0-9])", _to_december, False),   # as of 2023-06-30
    (rf"(?<![0-9十]){_MONTH} ?月(?: ?{_A_DAY} ?[日号])?(?! ?(?:[-–—―~至到]|份? ?[-–—―~至到]))", _to_december,
     True),                                                                       # 6月, 12月15日
    (rf"(?<![0-9.]){_YEAR}{_SEP}{_DIGITS}(?:{_SEP}{_A_DAY})?(?![0-9])", _to_december, True),
                                                                                  # 2023.9, 2023-09, 2023.12.15
    (rf"(?<![0-9]){_A_DAY} {_ENGLISH},? {_YEAR}", _to_december, True),            # 15 December 2023
    (rf"{_ENGLISH} {_A_DAY},? {_YEAR}", _to_december, True),                      # December 15, 2023
    (rf"{_ENGLISH}[ ',-]*(?:{_YEAR}|[0-9]{{2}})(?![0-9])", _to_december, True),   # Sep 2023, Sep-23
    (rf"(?<![0-9]){_YEAR}[ -]?{_ENGLISH}", _to_december, True),                   # 2023 Sep
    (rf"(?<![0-9]){_YEAR}(0[1-9]|1[0-2]) ?[-–—―~至到] ?(?:{_YEAR})?(0[1-9]|1[0-2])(?![0-9])", _range, False),
                                                                                  # 202301-202306
    (rf"{_COMPACT} ?[-–—―~至到] ?(?:{_YEAR})?(?:{_month_day('')}|{_MM})(?![0-9])", _compact_whole, False),
                                                                                  # 20230601-20230630
    (rf"(?:{_UP_TO}|{_AS_OF}) ?{_COMPACT}", _compact_whole, False),              # 截至20230630, as of 202306
    (rf"(?<![-–—―~至到])(?<![-–—―~至到] ){_COMPACT}(?! ?[-–—―~至到] ?[0-9])", _compact_whole, True),
                                                                  # 202306, 20230630, 2023_06 (not in a range)
    (rf"{_SHORT} ?[-–—―~至到] ?{_SHORT}", _short_whole, False),                   # 230101-230630, 2301-2306
    (rf"(?:{_UP_TO}|{_AS_OF}) ?{_SHORT}", _short_whole, False),                  # 截至230630
    (rf"(?<![-–—―~至到])(?<![-–—―~至到] ){_SHORT}(?! ?[-–—―~至到] ?[0-9])", _short_whole, True),
                                                                  # 230630, 2306 (not in a range)
))

# Quarters, halves and reports for part of a year (1-3季度, 前三季度, 一季度, 三季度末, 季末, 三季报, 中报, 上半, 期中,
# Q1, 3Q23, 1H25, 9M23, 2023 9M, YTD); the whole year is 1-4季度, 前四季度 and 四季度末 (as 12月末 is).
_QUARTERS = re.compile(
    r"(?<![0-9])([一二三四1-4]) ?[-–—―~至到] ?([一二三四1-4]) ?季度?"         # 1-3季度
    r"|前 ?([一二两三四1-4]) ?个? ?季度?"                                    # 前三季度, 前两季度
    r"|第?[一二三四1-4] ?季度? ?(?:末|底)|季度? ?[末初底中]"                  # 三季度末, 季末
    r"|(?<![0-9一二三四五六七八九十])月 ?[末初底中]"                          # 月末 (12月末: the year's)
    r"|第?[一二三四1-4] ?季度|季度|月度|[一二三四1-4]? ?季报|[上下]半(?:年报?)?|半年报?"   # 一季度, 三季报, 上半
    r"|中报(?!送)|年中(?=$|[^\w]|数|期|值|统计|监测|快报|情况)"             # 中报, 2023年中 (not 年中国)
    r"|(?:(?<=[0-9年度])|^) ?(?:期中|中期)"                                  # 2023年期中 (not 规划中期评估)
    r"|(?<![0-9一二三四五六七八九十])月报(?!送)"                              # 月报 (12月报: the month's)
    r"|年初至今|年初以来|今年以来|(?:截至|截止到?) ?(?:目前|当前|今日|今天|现在)"   # to date
    r"|(?<![a-z])(?:q[1-4]|h[12])(?![0-9])"                                # Q1, H1, 2025Q1
    r"|(?<![a-z0-9])(?:[1-4] ?q|[12] ?h)(?: ?'?(?:19|20)?[0-9]{2})?(?![a-z0-9])"   # 3Q23, 1H25
    r"|(?<![a-z0-9])(?:[1-9]|1[01])m ?'?(?:19|20)?[0-9]{2}(?![0-9])"        # 9M23: nine months
    r"|(?<![0-9])(?:19|20)[0-9]{2} ?(?:年度?)? ?(?:[1-9]|1[01]) ?m(?![a-z0-9])"   # 2023 9M
    r"|(?<![a-z])(?:ytd|mtd|qtd|year[- ]to[- ]date|quarter|half[- ]year|first half|second half"
    r"|interim|semi-?annual|mid-?year|monthly)")


_FOURTH_QUARTERS_END = re.compile(r"第?[四4] ?季度? ?(?:末|底)")


def part_year(raw: str, month_alone: bool = True) -> Said | None:
    """The words saying the figures are for part of a year (1-6月, 截至9月, 6月末, 前9个月, 上半年, 前三季度, 三季报,
    中报, Q1, 1H25, Jan-Jun, 截至2023.6.30), else None. The whole year is not part of it: 1-12月, 截至12月, 12月末,
    前四季度, 1-4季度, Jan-Dec. `month_alone`: whether a month or date alone (6月, 2023.9) counts; in a file's name it
    is often the date the file was sent (2024年数据（2025年3月报送）)."""
    text = _text(raw)
    for pattern, whole, alone in _MONTH_PATTERNS:
        if alone and not month_alone:
            continue
        for match in pattern.finditer(text):
            if not whole(match):
                return Said(PART_YEAR, match.group().strip())
    for match in _QUARTERS.finditer(text):
        first, last, up_to = match.groups()
        whole = (first is not None and (_month(first), _month(last)) == (1, 4)) or \
                (up_to is not None and _month(up_to) == 4) or _FOURTH_QUARTERS_END.fullmatch(match.group())
        if not whole:
            return Said(PART_YEAR, match.group().strip())
    return None


# A title row above a table holds the form's fields beside its title (填报单位：建德市发展规划处,
# 填报日期：2024年3月5日, 单位：万人), and may hold the day it was made (2024年3月5日): neither says anything of the
# figures (a department's 规划, a making date's month), so a title is read without them.
# (A date that ends or begins a range, 20230101-20230630, is no day's: the figures' months.)
_FORM_FIELD = re.compile(r"(?:填报|报送|制表|编制|审核|联系|负责|统计)?(?:单位|部门|机关|人|电话|日期|时间)"
                         r" ?[:：] ?[^\s:：]*"
                         r"|(?<![至止到\-–—―~])(?<![至止到\-–—―~] )(?<![0-9])"
                         rf"(?:{_YEAR} ?(?:年 ?{_MONTH} ?月 ?{_DAY} ?[日号]"
                         rf"|(?P<sep>{_SEP}){_DIGITS}(?P=sep){_DAY}(?![0-9])|_?{_month_day('_?')}(?![0-9]))"
                         rf"|{_YY}{_month_day('')}(?![0-9]))(?! ?[-–—―~至到] ?[0-9])")
                                                # (one separator: 2023.1-6 no date; 20240305 and 240305 are one)


# A note above a table (注：目标值见规划, 说明：…) is no title: it speaks of the table, not as its name.
_NOTE = re.compile(r"(?:注|备注|说明|填表说明|填报说明) ?[0-9一二三四五六七八九]* ?[:：]")


def title_says(raw: str, known: tuple[str, ...] = ()) -> Said | None:
    """What a title above a table (2023年1-9月人才发展主要指标, 人才发展规划主要指标, 2023年9月人才发展主要指标) says of
    the figures under it, as a sheet's name does, its form's fields and a day's date aside (填报单位：…, 2024年3月5日);
    a note (注：…, 填表说明：…) says nothing."""
    text = _text(raw).strip()
    if _NOTE.match(text):
        return None
    text = _FORM_FIELD.sub(" ", text)
    return not_actuals(text, instructions=False) or part_year(text) or beyond_the_year(text, known)


# ----------------------------------------------------------------------------- years

# Years: 2023, a span 2021—2025 (2021年至2023年); a year of two digits with 年 (23年, 21-23年) is 20xx, but not a
# count of years (近10年, 10年来).
_YEARS = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})"
                    rf"(?:\s*(?:年\s*)?[-–—―~至到]\s*((?:19|20)[0-9]{{2}}))?(?:(?![0-9])|(?={_COMPACT_TAIL}))"
                    r"|(?<![0-9近前后第每])([0-9]{2})(?:\s*(?:年\s*)?[-–—―~至到]\s*([0-9]{2}))?\s*年(?![来间内])")


# A date: a year with its month (2024年3月, 2024.3.5, 2024-03), as a title or a file's name gives the day it was made
# or sent (填报日期：2024年3月5日); 2023年1-9月 is no date but the months of 2023.
_DATE = re.compile(rf"(?<![0-9])(?:19|20)[0-9]{{2}} ?(?:年 ?{_MONTH} ?月|{_SEP}{_DIGITS}(?![0-9]))|{_COMPACT}"
                   rf"|{_SHORT}")


def stated_years(raw: str, dates: bool = True) -> list[tuple[int, int]]:
    """The years or spans of years a header or name names: 数值（2023年） [(2023, 2023)], 数值（2021—2025年）
    [(2021, 2025)], 数值（二〇二三年） and 数值（23年） [(2023, 2023)], a date's year (20231231, 231231, 2312:
    [(2023, 2023)]). `dates`: whether a year that begins a date counts (2024年3月5日; in a title or a file's name,
    the day it was made or sent)."""
    text = _text(raw)
    if not dates:
        text = _DATE.sub(" ", text)
    spans = []
    for match in _YEARS.finditer(text):
        four, four_end, two, two_end = match.groups()
        if four:
            spans.append((match.start(), (int(four), int(four_end or four))))
        else:
            spans.append((match.start(), (2000 + int(two), 2000 + int(two_end or two))))
    spans += [(match.start(), (2000 + int(match.group()[:2]),) * 2) for match in _SHORT_DATE.finditer(text)]
    return [span for _, span in sorted(spans)]


# ----------------------------------------------------------------------------- what a name says beyond its year

# A name or title that names a year (2023年, 2023年度人才监测数据, 建德2023年监测) says its figures are that year's;
# what else it says must be understood, or the figures may be for part of the year (2023年9个月, 头三季, 至今),
# estimates (（估）, 插值), targets (挑战值, 确保), not real (演练, 作废, demo) or no level at all (增量, 完成率): those
# families are open, and no list of them closes. So such a name is read as the year's actual values only when all it
# says beyond its years is in this short list of words of a whole year's actual values and of the names of tables,
# files and places; anything else stops the run, naming the words not understood (docs/monitoring.md, where the list
# is given and the reasons for it). The list was drawn from the names the two counties' workbooks, the template and
# the tests use. Target words are listed because they are reached only with a word saying actuals that outweighs them
# (目标完成情况, 十四五规划监测数据); instruction words (README, 模板) because in a file's name they name no figures.
UNDERSTOOD = (
    # a whole year, and its counted figures (快报, 初步, 未审定: the year's preliminary count, logged: PRELIMINARY)
    "年度", "全年", "年末", "年底", "年终", "期末", "年报", "年", "快报", "初步统计", "初步数", "初步", "未审定",
    "审定", "正式", "最终", "最新", "终版", "定稿", "更新",
    # actual values and their tables
    "实际值", "实际数", "实际", "实绩", "实现值", "完成情况", "完成数", "完成值", "完成", "达成", "执行情况",
    "实施情况", "执行数", "决算", "监测数据", "监测表", "监测结果", "监测", "统计数据", "统计表", "统计", "数据",
    "数值", "数", "值", "结果", "考核结果", "主要指标", "指标", "人才发展", "人才资源", "人才", "发展", "工作",
    "汇总表", "汇总", "总表", "报表", "表格", "表", "情况", "明细",
    # how a file or sheet is named: sent (报送, 上报, 填报), an attachment, a copy, a new workbook's default names
    "报送", "上报", "填报", "附件", "附表", "副本", "工作表", "新建",
    # places: the whole county, city or province (the configured counties' and province's names are added, `known`:
    # config/sources.yaml is their one home; a prefecture, 杭州市, is no configured place and is not understood)
    "全市", "全县", "全区", "全省", "县市",
    # the plan and its period, reached only after a word saying actuals (above)
    "十三五", "十四五", "十五五", "十六五", "时期", "规划", "计划", "目标", "任务",
    # instruction words, in a file's name only (a sheet or title saying them stops before this list is reached)
    "模板", "说明",
    # English
    "data", "monitoring", "monitored", "actual", "actuals", "annual", "year", "years", "fy", "full", "final",
    "statistics", "stats", "sheet", "table", "summary", "talent", "indicators", "indicator", "readme",
    "template", "microsoft", "excel", "copy", "and", "of", "vs", "the", "plan", "target", "targets", "goals")
# The whole year said otherwise (1-12月, 截至12月底, 前四季度, 四季度末, 2023年1-12, 12M, Jan-Dec, full year): what
# part_year reads as the whole year.
_WHOLE_YEAR = (r"(?<![0-9])0?1 ?(?:月份?|月)? ?[-–—―~至到] ?12(?![0-9])(?: ?月份?)?|一 ?[-–—―~至到] ?十二 ?月份?"
               r"|(?:截至|截止到?|至|到)? ?(?<![0-9])(?:12|十二) ?月份?(?: ?31 ?[日号])? ?(?:末|底)?"
               r"|前 ?(?:12|十二) ?个? ?月|(?:前 ?|(?:1|一) ?[-–—―~至到] ?)[4四] ?个? ?季度?|第?[4四] ?季度? ?(?:末|底)"
               r"|(?<![0-9])12 ?m(?![a-z])|(?<![a-z])jan(?:uary)? ?(?:-|to|through) ?dec(?:ember)?(?![a-z])"
               r"|(?<![a-z])(?:full[- ]?year|year[- ]?end)(?![a-z])")
# A day or month's date (2024年3月5日, 2025.3.5; in a file's name the day it was sent: a part of a year in a sheet's
# name stops before this is reached), and a copy's mark at the end (_2, (1), 表1, 附件2, Sheet1, v2).
_DATES = (rf"(?:(?:截至|截止到?|至|到) ?)?(?<![0-9]){_YEAR} ?(?:年 ?{_MONTH} ?月(?: ?{_DAY} ?[日号])?"
          rf"|(?P<sep>{_SEP}){_DIGITS}(?:(?P=sep){_DAY})?(?![0-9]))(?: ?(?:末|底))?"
          rf"|(?:{_AS_OF}|(?<![a-z])sent )?(?:[0-9]{{1,2}} )?{_ENGLISH}(?: [0-9]{{1,2}})?,? ?{_YEAR}"
          rf"|(?:(?:截至|截止到?|至|到) ?)?(?:{_COMPACT}|{_SHORT})")
_MARKS = (r"(?:表|附件|附表|工作表|sheet|v|版|第) ?[0-9一二三四五六七八九十]{1,3}(?![0-9])"
          r"|[_ -]?[(（] ?[0-9]{1,2} ?[)）] ?$|_[0-9]{1,2}$")
# A run of digits that begins as a year and goes on, but is no date (20231301, 20230231, 2023123, 20001): it may be
# a date mistyped, of part of the year, so it is not understood (a run that begins as no year, 13800138000 or
# 330182, names no year: a label, as Sheet1 is).
_YEAR_AND_DIGITS = re.compile(r"(?<![0-9])(?:19|20)[0-9]{3,}")
NOT_UNDERSTOOD = "not understood"
MAX_PIECES = 10     # words not understood named at most (a title of thousands is no name to rename word by word)
PRELIMINARY = ("快报", "初步统计", "初步数", "初步", "未审定")


def _words_pattern(words) -> str:
    ordered = sorted(set(words), key=len, reverse=True)      # (the longest first: 完成情况 before 完成)
    chinese = "|".join(re.escape(w) for w in ordered if not w.isascii())
    english = "|".join(re.escape(w) for w in ordered if w.isascii())
    return f"{chinese}|(?<![a-z])(?:{english})(?![a-z])"


@functools.lru_cache(maxsize=16)
def _understood(known: tuple[str, ...]) -> re.Pattern:
    places = [w for name in known for w in _place_names(name)]
    return re.compile("|".join([_DATES, _WHOLE_YEAR, _YEARS.pattern, _MARKS,
                                _words_pattern([*UNDERSTOOD, *places])]))


def _place_names(name: str) -> list[str]:
    """A configured name as a name may write it: 建德市, 建德; Jiande."""
    text = _text(name).strip()
    short = re.sub(r"(?<=..)(?:市|县|区|省)$", "", text)
    return [w for w in {text, short} if w]


@functools.lru_cache(maxsize=16)
def _places(places: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    named = {w: key for key, names in places for name in names if name for w in _place_names(name)}
    ordered = sorted(named, key=len, reverse=True)      # (the longest first: 建德市 before 建德)
    words = [re.escape(w) if not w.isascii() else rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in ordered]
    return (re.compile("|".join(words)) if words else None), named


def places_named(raw: str, places: dict[str, tuple[str, ...]]) -> list[str]:
    """The places a name or title names, each once in the order named: `places` maps each (a county's id) to its
    configured names, which a name may write short (安吉县2023年监测 names anji, as 安吉2023 and anji_2023 do)."""
    pattern, named = _places(tuple(sorted((key, tuple(names)) for key, names in places.items())))
    if pattern is None:
        return []
    return list(dict.fromkeys(named[m.group()] for m in pattern.finditer(_text(raw))))


def beyond_the_year(raw: str, known: tuple[str, ...] = ()) -> Said | None:
    """When the text names a year (2023年头三季, 2023年（估）), what it says beyond its years, dates and the words it
    may say (UNDERSTOOD, and the `known` names: the configured counties') that is not understood, as
    Said(NOT_UNDERSTOOD, the words, each found with ', ' between: the first MAX_PIECES and one more); else None
    (2023年度监测数据, 建德2023年快报)."""
    text = _text(raw)
    if not _YEARS.search(text) and not _YEAR_AND_DIGITS.search(text) and not _SHORT_DATE.search(text):
        return None
    strength = [0] * len(text)      # 0 not understood, 1 understood, 2 a one-character word (年, 数, 值, 表)
    for match in _understood(tuple(sorted(known))).finditer(text):
        weak = len(match.group()) == 1 and not match.group().isascii()
        strength[match.start():match.end()] = [2 if weak else 1] * (match.end() - match.start())
    pieces, current = [], ""
    for c, strong in zip(text, strength):
        if (c.isalnum() and not strong) or (strong == 2 and current):    # (插值: 值 goes with 插)
            current += c
            continue
        if current:
            pieces.append(current)
        current = ""
    pieces = list(dict.fromkeys([*pieces, current] if current else pieces))[:MAX_PIECES + 1]
    return Said(NOT_UNDERSTOOD, ", ".join(pieces), tuple(pieces)) if pieces else None


def preliminary(raw: str) -> str | None:
    """The word saying a year's figures are its preliminary count (快报, 初步, 未审定), read as its actuals (logged)."""
    text = _text(raw)
    return next((w for w in PRELIMINARY if w in text), None)


# ----------------------------------------------------------------------------- a row's 备注

# What a workbook row's 备注 (its note) may say of the row's figure (docs/monitoring.md, 备注). The next analyst words
# it otherwise, so each family is read by its roots, not by a list of phrases; in this order:
# - the whole year worked out from part of it, or from another year (折算, 年化: 按11个月折算全年; 沿用上年, 按上年数,
#   上年数据; not 比上年数 …), or another year's figure on the row (暂用2024年数据, 同2024年, 2024年数 on a 2025 row):
#   an estimate (first, as the months it names are what it was worked out from);
# - for part of a year: part_year's words (1-11月数, 截至11月, 上半年, 前三季度, 季度), and in a note any month before
#   December (11月数据, 11个月) unless it dates what was done with the figure (2025年3月报送, 3月5日核实), the year
#   without December (未含12月, 缺12月数据, 待补12月) and a figure to the day written (截至发稿): the run stops at the
#   value and the 备注 cells;
# - void, wrong or test data (错误, 录入错误, 作废, 模拟数据, 测试数据, 草稿, 示例), a target given for the actual
#   (目标值, 规划值, 计划数, 任务数, 按规划目标填报) and not the actual or the whole (非实际数, 非全年数, 非年末数):
#   the run stops (NOTE_STOPS);
# - not yet verified: 未, 待, 尚未, 需, 正在 … before a word of checking (待核实, 未经审核, 待统计局确认, 需复核,
#   正在核实), or of counting, completing or correcting (待统计, 待补, 待更新, 待调整, 未定), 核实中, a doubt (存疑,
#   有误, 不确定, 商榷), for reference only (仅供参考), unverified, to be confirmed: the run stops too;
# - incomplete (数据不全, 不完整, 缺报, 数据缺失, incomplete): the run stops too;
# - an estimate (estimate_in_note): any 估 (估数, 初估, (估); not 评估, an evaluation), 预计, 预测, 预期 (预期数; not
#   the plan's 预期性 or 预期目标, nor an expectation compared with: 好于预期, 符合预期), an approximate figure (约数,
#   大约, 大概, 左右, 概算, 约15; approx.), extrapolated or interpolated (外推, 插值), a figure standing in (参考值,
#   经验值, 代替), ESTIMATES' other words (测算, 推算, 匡算, 暂定), 2025E: read as an estimate, never judged as the
#   year's actual;
# - the year's preliminary count (快报, 初步统计, 初步数, 未审定: PRELIMINARY): read as its actual, as a sheet so
#   named is, and logged;
# - not yet published or final (尚未公布, 年报未出, 待年报, 年报出来后更新, 将于2026年3月更新): not yet verified, after
#   the preliminary count (统计公报未发布，采用快报数 is the preliminary count);
# - anything else is commentary (数据来源：统计局, 口径调整, 不含驻县单位): it stays a note, kept with the figure and
#   quoted beside it wherever the figure is judged.
# A word after 非, 不是, 并非, 未, 未经, 没有, 不含 or 无需 is denied (非预计数, 未折算, 不含估算部分, 无需核实).
NOTE_NOT_ESTIMATES = ("预期", "展望", "expected", "outlook")     # (预期 is read by its family, below)
NOTE_UNVERIFIED = "not yet verified"
NOTE_INCOMPLETE = "incomplete"
NOTE_ESTIMATE = "an estimate"
NOTE_PRELIMINARY = "the year's preliminary count"
NOTE_TARGET = "a target"
NOTE_NOT_ACTUAL = "not the year's actual value"
NOTE_VOID = "void, wrong or test data"
# What a 备注 says that stops the run at the figure (no actual of the row's year, and no estimate of it either); an
# estimate is read as one and a preliminary count as the year's actual (callers of remark_says test against this).
NOTE_STOPS = (PART_YEAR, NOTE_VOID, NOTE_TARGET, NOTE_NOT_ACTUAL, NOTE_UNVERIFIED, NOTE_INCOMPLETE)
# Every family remark_says reads (a plan table's note is read by the same reader: helpers.extract.table_notes.
# PLAN_READING says what each makes of a plan's figures, and a test keeps the two from drifting apart).
NOTE_FAMILIES = (*NOTE_STOPS, NOTE_ESTIMATE, NOTE_PRELIMINARY)
# How the stops word each of those families, one home for the workbook's three (a row's 备注 or 来源, a comment, a note
# on the sheet: helpers.extract.monitoring): what the figure is said to be, and the figure that would be final ("the
# whole year's figure"), each stop keeping its own place's advice.
STOP_WORDS = {PART_YEAR: ("for part of a year", "the whole year's"),
              NOTE_VOID: ("void, wrong or test data", "the year's actual"),
              NOTE_TARGET: ("a target", "the year's actual"),
              NOTE_NOT_ACTUAL: ("not the year's actual or whole figure", "the year's actual"),
              NOTE_UNVERIFIED: ("not yet verified", "the checked"),
              NOTE_INCOMPLETE: ("incomplete", "the complete")}
_DENIED = re.compile(r"(?:非|不是|并非|而非|不属于|不为|未经?|没有|不含|无需|无须|不需要?) ?$")
_DENIAL_REACH = 8       # characters before a word that may deny it (the longest denial, 不需要, and a space)


def _denied(text: str, start: int) -> bool:
    """Whether the words at `start` are denied by what comes just before (非预计数): only the few characters before
    are read, so a long note is read in linear time (30,000 characters of 非预计 took 30 s when the whole text before
    each word was searched)."""
    return _DENIED.search(text[max(0, start - _DENIAL_REACH):start]) is not None


_WORKED_OUT = re.compile(r"折算|年化|(?<![a-z])annuali[sz](?:ed|ation)?(?![a-z])|沿用|照搬|照抄|沿袭"
                         r"|(?:用|按|取|同|参照|参考)(?:上年|上一年|去年|前一年|往年)"
                         r"|(?<![比较与和])(?:上年|上一年度?|去年|前一年)(?:的)?(?:数据|数|值)")
# A month before December (1–11, in digits or Chinese; 11个月) and what dates an act on the figure, after the month:
# its day (3月5日) or the act (报送, 核实, 更新 …).
_MONTH_IN_NOTE = re.compile(r"(?<![0-9十])(?:1[01]|0?[1-9]|十一|[一二两三四五六七八九十])(?![0-9])"
                            r" ?(?:个 ?)?月份?")
_DATED = re.compile(r" ?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3}) ?[日号]"
                    r"|(?:份)? ?(?:报送|上报|填报|提供|更新|发布|公布|核实|核定|审核|确认|修订|修正|录入|调整"
                    r"|导出|提取)")
_WITHOUT_DECEMBER = re.compile(
    r"(?:未含|不含|未包含|不包含|未包括|不包括|未计入?|不计|缺少?|缺失|待补|未补|扣除|除去|暂无|没有|无)了? ?"
    r"(?:(?:19|20)[0-9]{2} ?年 ?)?(?:12|十二) ?月份?"
    r"|(?<![0-9])(?:12|十二) ?月份? ?(?:数据|数)? ?(?:未含|未计入?|缺少?|缺失|待补|未补|未报|未统计)"
    r"|(?<![a-z])(?:excl(?:uding|\.)?|without|missing) (?:dec(?:ember)?)(?![a-z])")
_TO_THE_DAY_WRITTEN = re.compile(r"(?:截至|截止到?) ?(?:发稿|报送|上报|填报|统计时|目前|当前|现在|今)")
_PENDING = (r"(?:(?<![无不毋免])(?:尚需|仍需|需要?|须)|尚未|暂未|还未|仍未|未经|没有|尚待|有待|仍待|等待|待"
            r"|正在|尚在|仍在|未(?!来))")
_CHECKING = r"(?:审核|审查|审批|终审|复审|确认|确定|核实|核定|核准|核查|核对|复核|复查|校核|校对|验证)"
UNVERIFIED = re.compile(rf"{_PENDING}[^\W\d_]{{0,4}}?{_CHECKING}"
                        rf"|{_PENDING}(?:统计|补充|补录|补报|补齐|补|更新|修正|修订|更正|校正|调整|替换|完善|定|核|审(?!定))"
                        r"|存疑|疑问|疑似|有误|不准确?|不确定|不可靠|商榷|(?<![无没现见])异常"
                        # for reference only (仅供参考, 仅作参考, 只供参考): figures no one vouches for
                        r"|(?:仅|只|仅仅)(?:供|作|作为|为|可)参考"
                        # 以正式数为准, 最终数以年报为准: another figure will prevail over this one
                        r"|以[^,;。]{0,12}?为准"
                        rf"|(?:审核|核实|核查|核定|确认|复核|统计)中"
                        r"|(?<![a-z])(?:unverified|unaudited|unconfirmed|unchecked|unreviewed|pending|tbc|tbd"
                        r"|not (?:yet )?(?:verified|audited|confirmed|checked|final)"
                        r"|to be (?:verified|audited|confirmed|checked)|subject to (?:revision|confirmation|audit))"
                        r"(?![a-z])")
INCOMPLETE = re.compile(r"不完整|不完全|不全|未全|(?<![紧短稀空无不])缺(?:少|失|报|漏|项)?(?!口|乏|陷|席)"
                        r"|漏报|漏统|(?<![a-z])(?:incomplete|partial|missing)(?![a-z])")
# Another year's figure on this row (暂用2024年数据, 以2024年数代替, 同2024年, 2024年数 on a 2025 row): an estimate
# of the row's year, as 沿用上年 is. A year carried (用, 按, 取, 同, 以, 沿用, 暂用, 参照 … before it) or a year's
# figure (2024年数, 2024年度数据; not a comparison, 比2024年增长, 较2024年数据, nor a date, 2024年3月报送), when
# the year is not the row's; without the row's year only a year carried is read.
_YEAR_NAMED = r"(?P<year>(?:19|20)[0-9]{2}) ?(?:年 ?度?)?"
_CARRIED_YEAR = re.compile(r"(?:沿用|暂用|借用|套用|采用|使用|参照|参考|代以|用|按|取|同|以|照)"
                           rf" ?{_YEAR_NAMED}(?:的)? ?(?:数据|数字|数|值"
                           r"|(?=$|[,.;:!?)]| ?(?:相同|一致|持平|代替|替代|填报|填列|填写)))")
_YEAR_FIGURE = re.compile(r"(?<![比较与和])(?<!对比)(?<!相比)(?<!同比)(?<![-–—―~至到])(?<![-–—―~至到] )"
                          rf"{_YEAR_NAMED}(?:的)? ?(?:数据|数字|数|值)")
# A target given for the actual (目标值, 规划值, 计划数, 任务数, 考核值, 按规划目标填报, 填报目标, target value):
# not the year's actual, and no estimate of it (not a target reached or compared with: 完成目标, 达到规划目标,
# 目标完成情况).
# (a note pointing to where the targets are, 目标值见规划, says nothing of the row's figure)
TARGET_IN_NOTE = re.compile(r"(?:目标|规划|计划|任务|考核|下达|预算|指导|控制)(?:值|数)(?! ?(?:请|另|详|参)?见)"
                            r"|(?:按|用|取|填|为|即|系|是|同|以)(?:规划|计划|年度)?目标(?!完成|任务完成)"
                            r"|目标(?:填报|代替|替代)|^(?:规划|计划|年度|考核|任务)?目标$|^(?:规划|计划)$"
                            r"|(?<![a-z])(?:target|planned|plan|budget(?:ed)?) (?:value|figure|number)s?(?![a-z])")
# Not the actual or not the whole: a denial before a word of the year's actual, whole or final figure (非实际数,
# 非全年数, 非年末数, 不是最终数据, 并非正式数, not actual). (The denial reader, _denied, takes a denied word for
# not said; here the denial is what is said.)
NOT_ACTUAL_IN_NOTE = re.compile(r"(?:非|不是|并非|而非|不属于|不为|不系) ?"
                                r"(?:实际|实绩|实有|全年|全口径|年末|年底|年终|年度|正式|最终|终审|真实|确切|准确)"
                                r"|(?<![a-z])not (?:the )?(?:actual|final|full[- ]year|year[- ]end)(?![a-z])")
# Void, wrong or made up: an error (错误, 录入错误, 填错, 错报, 有错), void (作废, 无效, 废弃), test or dummy figures
# (MADE_UP: 模拟, 测试, 虚拟 …), a draft (DRAFTS: 草稿, 初稿 …) and examples (示例, 样例, 范例, 示意, 演示): never any
# year's actual.
VOID_IN_NOTE = re.compile(r"(?<![无没])(?:错误|错(?:填|报|录|输|记)|(?:填|报|录|输|记|有|出)错)|作废|废弃|无效|失效"
                          r"|虚(?:报|填|增)|试(?:填|算|报)|练习|示例|样例|范例|示意|演示|"
                          + "|".join(re.escape(w) for w in (*MADE_UP, *DRAFTS) if not w.isascii())
                          + r"|(?<![a-z])(?:wrong|error|erroneous|void|invalid|dummy|test|mock|fake|sample|example"
                            r"|draft)s?(?![a-z])")
# Not yet published or final: a publication pending (尚未公布, 统计局尚未发布, 年报未出, 待年报, 待公报) or an
# update to come (年报出来后更新, 公布后替换, 将于2026年3月更新). A preliminary count's note says as much of its
# year (统计公报未发布，采用快报数): read as the preliminary count, as it is (PRELIMINARY comes first).
UNPUBLISHED = re.compile(rf"{_PENDING} ?(?:公布|发布|公开|披露|出(?:来|炉)?(?![现台口差错售色众])|年报|公报|年鉴)"
                         r"|(?:年报|公报|年鉴|数据|正式数|终审数|统计)(?:尚|还|暂|仍)?(?:未|没)有?"
                         r"(?:出|公布|发布|公开)(?![现台口差错售色众])"
                         r"|(?:出来?|出炉|公布|发布|公开)后(?:再|另行|及时|予以)?(?:更新|修正|修订|替换|调整|更正"
                         r"|补充|确认)"
                         r"|将(?:(?:于|在)[^,.;:!?]{0,12}?)?(?:更新|修正|修订|替换|调整|更正|公布|发布)"
                         r"|(?<![a-z])(?:not (?:yet )?(?:published|released)|to be (?:published|released|updated))"
                         r"(?![a-z])")
# An estimate, by family (ESTIMATES' words are read too, but for NOTE_NOT_ESTIMATES).
_ESTIMATE_FAMILY = re.compile(r"(?<!评)估[计算测值数]?|预计|预测|(?<![于超过出及如合到达与比较])预期(?!性|目标|指标)"
                              r"|推测|推断|推定|预判|年化|约数|概数|大约|(?<![a-z])annuali[sz](?:ed|ation)?(?![a-z])"
                              r"|(?<![a-z])approx(?:imate|imately|\.)?(?![a-z])"
                              # extrapolated or interpolated (趋势外推, 线性插值, 内插), a rough sum (概算, 大概,
                              # 大致, 左右), a figure standing in (参考值, 经验值, 理论值, 默认值, 代替)
                              r"|外推|外插|内插|插值|插补|概算|概估|大概|大致|左右|约略|毛估|粗略|粗算|近似"
                              r"|(?:参考|经验|理论|标准|基准|假设|假定|设定|默认|替代|代替)(?:值|数)|代替|替代|代用"
                              # worked out from a rate or a share (按近三年平均增速计算, 按比例测算), provisional
                              # (暂列, 暂填, 暂按, 临时数, 先填, 预填, 占位; not 含临时聘用人员)
                              r"|(?:增速|增长率|增幅|比例|系数|均值|平均)[^,;。]{0,6}?(?:计算|算出|算得|得出|推|测)"
                              r"|暂(?:列|填|报|按|用|以|取|记|计|代|替)|临时(?:数|值|填)|先填|预填|占位"
                              r"|(?<![a-z])(?:extrapolat|interpolat|imput|provisional|placeholder|rough)\w*"
                              # 约 (about) before a figure or as the note (约15, 约数, 约为, 约): not the 约 of a
                              # word (约束性, 合约, 预约, 签约, 节约, 制约, 约定, 约谈)
                              r"|(?<![合预签节制公条契履邀违解婚特规集和])约(?= ?(?:[0-9一二两三四五六七八九十百千万几]"
                              r"|数|值|为|合|计|略|莫)| ?$| ?[,.;:!?)])")


def _first_said(pattern: re.Pattern, text: str) -> str | None:
    """The first words the pattern finds in the note that the note does not deny (非预计数 denies 预计)."""
    return next((m.group().strip() for m in pattern.finditer(text) if not _denied(text, m.start())), None)


def _said_in_note(words, text: str) -> str | None:
    """The first of the words the note says and does not deny (非预计数 denies 预计)."""
    for word in words:
        pattern = (rf"(?<![a-z]){re.escape(word)}(?:e?s)?(?![a-z])" if word.isascii() else re.escape(word))
        if any(not _denied(text, m.start()) for m in re.finditer(pattern, text)):
            return word
    return None


def _part_year_in_note(text: str) -> str | None:
    """The words of a note saying its figure is for part of a year that part_year does not read in a name: a month
    before December that dates nothing (11月数据, 11个月; not 2025年3月报送), the year without December (未含12月,
    缺12月数据) and the day written (截至发稿)."""
    found = _first_said(_WITHOUT_DECEMBER, text) or _first_said(_TO_THE_DAY_WRITTEN, text)
    if found:
        return found
    return next((m.group().strip() for m in _MONTH_IN_NOTE.finditer(text)
                 if not _DATED.match(text, m.end()) and not _denied(text, m.start())), None)


def _other_year(text: str, year: int | None) -> str | None:
    """The words of a note saying its figure is another year's than the row's (暂用2024年数据, 同2024年, 2024年数 on
    a 2025 row; without the row's year, only a year carried: 用2024年数)."""
    for pattern in (_CARRIED_YEAR, _YEAR_FIGURE) if year is not None else (_CARRIED_YEAR,):
        found = next((m.group().strip() for m in pattern.finditer(text)
                      if int(m["year"]) != year and not _denied(text, m.start())), None)
        if found:
            return found
    return None


def remark_says(raw: str, year: int | None = None) -> Said | None:
    """What a workbook row's 备注 says of the row's figure, when it says more than a comment: Said(NOTE_ESTIMATE, …)
    for a whole year worked out (折算, 年化) or another year's figure (暂用2024年数据; `year`: the row's, so that
    2024年数 on a 2024 row is its own), Said(PART_YEAR, …), Said(NOTE_VOID, …), Said(NOTE_TARGET, …),
    Said(NOTE_NOT_ACTUAL, …), Said(NOTE_UNVERIFIED, …), Said(NOTE_INCOMPLETE, …), Said(NOTE_ESTIMATE, …),
    Said(NOTE_PRELIMINARY, …) or, not yet published, Said(NOTE_UNVERIFIED, …), with the words that say it, in that
    order (1-11月预计数 is for part of a year); else None (数据来源：统计局, 口径调整, 非预计数)."""
    text = _text(raw)
    worked_out = _first_said(_WORKED_OUT, text) or _other_year(text, year)
    if worked_out:
        return Said(NOTE_ESTIMATE, worked_out)
    part = part_year(text, month_alone=False)
    if part is not None:
        return part
    for what, said in ((PART_YEAR, lambda: _part_year_in_note(text)),
                       (NOTE_VOID, lambda: _first_said(VOID_IN_NOTE, text)),
                       (NOTE_TARGET, lambda: _first_said(TARGET_IN_NOTE, text)),
                       (NOTE_NOT_ACTUAL, lambda: _first_said(NOT_ACTUAL_IN_NOTE, text)),
                       (NOTE_UNVERIFIED, lambda: _first_said(UNVERIFIED, text)),
                       (NOTE_INCOMPLETE, lambda: _first_said(INCOMPLETE, text)),
                       (NOTE_ESTIMATE, lambda: estimate_in_note(text)),
                       (NOTE_PRELIMINARY, lambda: _said_in_note(PRELIMINARY, text)),
                       (NOTE_UNVERIFIED, lambda: _first_said(UNPUBLISHED, text))):
        word = said()
        if word:
            return Said(what, word)
    return None


# A 备注 that says only what the figure covers or where it is from (含驻县单位, 不含…, 口径调整, 数据来源：统计局,
# 统计年报): each of its clauses begins with a word of scope or source, holds 口径, or names a source (…统计年报,
# …年鉴, 2024年统计年鉴第35页, 第七次人口普查, 统计局, 县委组织部, 县人才办), and is short. Such a note says nothing of
# whether the figure is the year's actual, and the quote of judged values' 备注 under the scorecard may count it
# rather than quote it (docs/monitoring.md, 备注); a note of any other words is quoted whatever their number. A 来源
# is read by the same rule (issue 18): one naming a source alone is what a 来源 is for, and is not quoted; one in
# other words (县人才办调研) is quoted as a 备注 is.
_SCOPE_CLAUSE = re.compile(r"(?:不?(?:含|包含|包括|涵盖)|未含|已含|均含|另含|其中|(?:统计)?口径|(?:数据|资料)?来源|出处"
                           r"|引自|摘自|来自|源自|取自).{0,14}|.{0,12}口径.{0,12}"
                           r"|.{0,10}(?:统计年报|统计公报|年报|公报|年鉴|统计局|人社局|统计表|报表|普查|台账|网站)"
                           r"(?:第? ?[0-9]+ ?页)?"
                           r"|.{0,12}(?:局|办|办公室|部|委|委员会|厅|中心|院|所|站|协会)")
_CLAUSES = re.compile(r"[,;。、!?]+")


def remark_is_scope(raw: str) -> bool:
    """Whether a 备注 says only of its figure's scope or source (含驻县单位, 口径调整, 数据来源：统计局, 统计年报)."""
    clauses = [c.strip() for c in _CLAUSES.split(_text(raw))]
    return any(clauses) and all(_SCOPE_CLAUSE.fullmatch(c) for c in clauses if c)


def estimate_in_note(raw: str) -> str | None:
    """The words by which a note says a figure is an estimate (预计, 估算, 估数, 预期数, 约数, 测算, 2025E; not 预期性,
    好于预期 or 展望, nor words it denies: 非预计数), else None: a workbook row's 备注, or a plan table's note defining
    a mark (带*的为预计数)."""
    text = _text(raw)
    word = _said_in_note(tuple(w for w in ESTIMATES if w not in NOTE_NOT_ESTIMATES), text)
    found = word is None and ESTIMATED.search(text)      # 2025E, est., (估)
    return found.group() if found else word or _first_said(_ESTIMATE_FAMILY, text)


def name_says(raw: str, instructions: bool = True, month_alone: bool = True,
              known: tuple[str, ...] = ()) -> Said | None:
    """What a sheet's, file's or folder's name says of its figures when they are not read as the years' actual
    values: the families first (not_actuals, part_year: their words make the message), then what it says beyond
    its year that is not understood (beyond_the_year)."""
    return (not_actuals(raw, instructions) or part_year(raw, month_alone)
            or beyond_the_year(raw, known))


# ----------------------------------------------------------------------------- a plan, or a report on it

# A document that reports on a plan is not the plan: its mid-term or final evaluation (十四五规划中期评估), its
# completion or implementation (主要指标完成情况, 规划实施情况) or a monitoring report. Its table's figures are actuals
# and assessments, and a table title, the document's title or its file's name saying so is never the plan's own: a
# plan's targets table is titled 主要指标, never 完成情况 (the table of the last plan's results, in a plan, is not its
# targets either).
_REPORT_ON_A_PLAN = re.compile(r"中期评估|终期评估|评估报告|实施评估|完成情况|执行情况|实施情况|进展情况|监测报告"
                               r"|实施总结|工作总结|mid-?term (?:evaluation|review)|evaluation report")


def reports_on_a_plan(raw: str) -> str | None:
    """The words saying a title or name is a report on a plan, not the plan (中期评估, 完成情况), else None."""
    found = _REPORT_ON_A_PLAN.search(_text(raw))
    return found.group() if found else None


# A document's title or file's name that names a plan says what the document is by its head noun, its last word: a
# plan is titled …规划, …纲要, …计划 or …方案 (建德市人才发展“十四五”规划, 规划纲要, 实施方案, talent_plan). Words
# after it say the document is about the plan, not the plan: a report on it (规划落实情况, 回头看, 自查报告,
# 中期检查, 完成进度表, 年度监测, 绩效评价, 中期評估), and such reports' names are an open family, so any word after
# the plan's noun stops the run but these, which leave it the plan: its period (（2021—2025年）), the notice
# publishing it (《…规划》的通知), the text's own names (文本, 全文), a version or copy mark (定稿, 正式版, v2, (1),
# _2), an attachment's number, and the plan's own county (`known`). A title or name naming no plan (jiande.docx,
# a first line of prose) says nothing here.
PLAN_NOUN = re.compile(r"规划|纲要|计划|方案|(?<![a-z])plan(?![a-z])")
_AFTER_A_PLAN = ("的通知", "通知", "文本", "全文", "正文", "定稿", "终稿", "正式版", "最终版", "发布版", "印发稿",
                 "印发", "版", "副本", "附件", "final", "copy", "the", "of")


@functools.lru_cache(maxsize=16)
def _after_a_plan(known: tuple[str, ...]) -> re.Pattern:
    places = [w for name in known for w in _place_names(name)]
    return re.compile("|".join([f"(?:{_YEARS.pattern}) ?年?", _MARKS,
                                r"(?<![a-z])v ?[0-9]{1,2}(?![0-9])|(?<![0-9])[0-9]{1,2}$",
                                _words_pattern([*_AFTER_A_PLAN, *places])]))


def after_a_plan(raw: str, known: tuple[str, ...] = ()) -> str | None:
    """The words after the plan's noun in a title or name that names a plan, when they say it is no plan
    (建德市人才发展十四五规划落实情况: '落实情况'), else None (…规划, …规划（2021—2025年）, 《…规划》的通知,
    jiande.docx)."""
    text = _text(raw)
    nouns = list(PLAN_NOUN.finditer(text))
    if not nouns:
        return None
    tail = _after_a_plan(tuple(sorted(known))).sub(" ", text[nouns[-1].end():])
    words = re.findall(r"[^\W_]+", tail)
    return " ".join(words) if words else None


# A document whose title or file name says it is a plan's draft, a text explaining a plan or an adjustment of it is
# not the plan, though it may end with the plan's noun (…规划（征求意见稿）, 《…规划》解读, …规划调整方案): a draft
# holds the targets proposed before the plan was adopted, an explanation quotes the plan's, an adjustment sets others.
# A draft's word (DRAFTS: 征求意见稿, 草案, 讨论稿, 送审稿, 初稿, 修订稿, 初步方案, draft; a draft's number, 第二稿)
# and an explanation's (解读, 编制说明, 起草说明, 图解, and an infographic's 一图读懂, 一图看懂: an explainer, often
# rounded or abridged; interpretation, explanatory, infographic) say so anywhere in the title or name, and so does a
# notice of an adjustment (关于调整《…规划》…的通知); after the plan's noun, 说明 (a note), an adjustment's word
# (调整, 修编; adjustment: …规划中期调整, 规划调整方案; a plan on adjusting the industrial structure, 产业结构调整规划,
# is a plan) and a drafting's (编制, 起草: …规划编制工作方案, the work plan for drafting it, whose last word, 方案, is
# a plan's; 人员编制规划 is a plan). Each kind's reason is worded once, in helpers.extract.plans.NOT_THE_PLAN.
PLAN_EXPLANATIONS = ("解读", "编制说明", "起草说明", "图解", "一图读懂", "一图看懂", "一张图读懂", "一张图看懂",
                     "读懂", "看懂", "interpretation", "explanatory", "infographic")
PLAN_ADJUSTMENT_NOTICES = ("关于调整",)
_AFTER_THE_PLAN_SAYS = {"an explanation": ("说明", "explanation"), "an adjustment": ("调整", "修编", "adjustment",
                                                                                    "adjusted"),
                        "a work plan for drafting": ("编制", "起草")}


def draft_word(raw: str) -> str | None:
    """The words saying a name or title is a draft's (DRAFTS, 第二稿), else None."""
    text = _text(raw)
    found = next((w for w in DRAFTS if _found(w, text)), None) or DRAFT_NUMBER.search(text)
    return found.group() if isinstance(found, re.Match) else found


def not_the_plan(raw: str) -> Said | None:
    """What a title or file name says the document is when it is a plan's draft, an explanation of a plan, an
    adjustment of one or the work plan for drafting one (建德市人才发展十四五规划（征求意见稿）:
    Said('a draft', '征求意见稿')), else None."""
    text = _text(raw)
    draft = draft_word(text)
    if draft:
        return Said("a draft", draft)
    for what, words in (("an explanation", PLAN_EXPLANATIONS), ("an adjustment", PLAN_ADJUSTMENT_NOTICES)):
        word = next((w for w in words if _found(w, text)), None)
        if word:
            return Said(what, word)
    noun = PLAN_NOUN.search(text)
    after = text[noun.end():] if noun else ""
    for what, words in _AFTER_THE_PLAN_SAYS.items():
        word = next((w for w in words if _found(w, after)), None)
        if word:
            return Said(what, word)
    return None
