"""What an article says about itself: its headline, author, date and language.

Only what the text states plainly is read: a date glued to the first sentence ("date
2023-07-21 Luo Junjie ...") or written out near the top ("14 February 2024", "Oct 9,
2023"), a byline ("By Daniel Osei", "(Reporting by Jana Wolff; ...)", "记者 王晓燕") or a
name alone on a line near the top ("Li Huacheng"), a short first line without a full stop
as the headline. The organizer sees and corrects every value before anything is saved.
"""

import datetime as dt
import re

from events.press.extraction import lexicon
from events.press.extraction.text import paragraphs

HEAD = 1500  # how far into the article its details are looked for
MONTHS = {
    name: number
    for number, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"],
        start=1,
    )
    for name in names.split()
}  # fmt: skip
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\.?,?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
BYLINE = re.compile(r"^(?:By|BY|Von|Text:)\s+([^\n|,;]{3,60}?)\s*(?:[|,;].*)?$")
REPORTING_BY = re.compile(r"\((?:Reporting|Reported|Written) by ([^;)]{3,60})[;)]")
ZH_REPORTER = re.compile(r"记者\s*([\u4e00-\u9fff]{2,4})|記者\s*([\u4e00-\u9fff]{2,4})")
NAME_LINE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}$")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def source_details(text):
    """{"title", "author", "published_on"} as far as `text` gives them ("" or None)."""
    head = text[:HEAD]
    return {
        "title": _title(text),
        "author": _author(text, head),
        "published_on": _date(head),
    }


def article_language(text):
    """ "zh-hans" when most of the letters are Chinese, else "en"."""
    sample = text[:5000]
    letters = sum(1 for c in sample if c.isalpha())
    return "zh-hans" if letters and len(HAN.findall(sample)) * 2 > letters else "en"


def _title(text):
    """The first line, when it reads as a headline: short, one line, no full stop. A
    banner in capitals ("FOR IMMEDIATE RELEASE") or a navigation bar before it is passed."""
    spans = paragraphs(text, 0, min(len(text), HEAD))
    for span in spans[:3]:
        line = text[span.start : span.end].strip()
        if line.isupper() or "|" in line:
            continue
        return line if _is_a_headline(line) and len(spans) > 1 else ""
    return ""


def _is_a_headline(line):
    return (
        "\n" not in line
        and len(line) <= 200
        and line[-1:] not in ".。:)"
        and not BYLINE.match(line)
    )


def _author(text, head):
    for line in head.splitlines():
        byline = BYLINE.match(line.strip())
        if byline:
            return byline.group(1).strip()
    reporting = REPORTING_BY.search(text[-HEAD:]) or REPORTING_BY.search(head)
    if reporting:
        return reporting.group(1).strip()
    reporter = ZH_REPORTER.search(head)
    if reporter:
        return reporter.group(1) or reporter.group(2)
    return _name_alone_on_a_line(text, head)


def _name_alone_on_a_line(text, head):
    """A name as a paragraph of its own near the top: the seed's "Li Huacheng"."""
    for span in paragraphs(text, 0, len(head))[1:4]:
        line = text[span.start : span.end].strip()
        words = line.split()
        if NAME_LINE.match(line) and not any(w in lexicon.FUNCTION_WORDS for w in words):
            return line
    return ""


def _date(head):
    for pattern, order in (
        (ISO_DATE, "ymd"),
        (ZH_DATE, "ymd"),
        (DAY_MONTH_YEAR, "dmy"),
        (MONTH_DAY_YEAR, "mdy"),
    ):
        for match in pattern.finditer(head):
            found = _as_date(match.groups(), order)
            if found:
                return found
    return None


def _as_date(groups, order):
    values = dict(zip(order, groups, strict=True))
    month = values["m"]
    month = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    try:
        return dt.date(int(values["y"]), month, int(values["d"]))
    except (TypeError, ValueError):
        return None
