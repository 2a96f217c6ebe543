"""The current result set as CSV, JSON or Markdown.

Exports run the press room's search (search_quotes, `citable=True`) with the
same parameters as the page, so a shared URL exports what it shows, minus
drafts and retracted quotes, which never travel (see QuoteQuerySet.citable_by).
At most EXPORT_LIMIT quotes, in the page's order; the UI states the limit.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from events.interop.agenda_csv import FORMULA_STARTS
from events.press.citations import markdown_escape
from events.press.labels import embargo_end
from events.press.results import prepare
from events.press.search import MAX_PER_PAGE, search_quotes

EXPORT_LIMIT = 1000
CSV_COLUMNS = (
    "permalink", "text", "kind", "language", "original_text", "original_language",
    "translation_credit", "speaker", "attribution", "said_on", "forum", "session",
    "source", "source_url", "embargoed_until", "corrections", "citation",
)  # fmt: skip


@dataclass
class ExportSet:
    quotes: list
    total: int  # matches before the limit (itself capped by search's TOTAL_CAP)
    at: object

    @property
    def truncated(self):
        return self.total > len(self.quotes)


def collect(*, user, params, at, absolute, limit=EXPORT_LIMIT):
    """Up to `limit` citable quotes matching `params` (q and QuoteFilter's names).

    Raises search.InvalidSearch for bad parameters, as the page does.
    """
    quotes, page = [], 1
    while True:
        result = search_quotes(
            user=user,
            q=params.get("q", ""),
            filters=params,
            page=page,
            per_page=MAX_PER_PAGE,
            at=at,
            citable=True,
        )
        quotes.extend(result.items)
        if not result.has_next or len(quotes) >= limit:
            break
        page += 1
    quotes = prepare(quotes[:limit], absolute=absolute, at=at)
    return ExportSet(quotes, result.total, at)


def _embargo_iso(quote, at):
    end = embargo_end(quote, at)
    return end.astimezone(quote.forum.tzinfo).isoformat() if end else ""


def _correction_line(note):
    line = _("%(date)s: %(field)s changed from “%(old)s” to “%(new)s”.") % {
        "date": note.changed_at.date().isoformat(),
        "field": note.get_field_display(),
        "old": note.old_value,
        "new": note.new_value,
    }
    return f"{line} {note.note}" if note.note else line


def _source(quote):
    return (str(quote.source), quote.source.url) if quote.source else ("", "")


def _row(quote, at):
    source, source_url = _source(quote)
    return {
        "permalink": quote.permalink,
        "text": quote.text,
        "kind": quote.kind,
        "language": quote.language,
        "original_text": quote.original_text,
        "original_language": quote.original_language,
        "translation_credit": quote.translation_credit,
        "speaker": quote.speaker.name,
        "attribution": quote.attribution,
        "said_on": quote.said_on.isoformat(),
        "forum": str(quote.forum),
        "session": str(quote.session) if quote.session else "",
        "source": source,
        "source_url": source_url,
        "embargoed_until": _embargo_iso(quote, at),
        "corrections": " | ".join(_correction_line(n) for n in quote.correction_notes),
        "citation": quote.citation.text,
    }


def _defuse(value):
    # Spreadsheets run cells starting with = + - @ as formulas.
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def to_csv(export):
    """CSV text with a BOM, so that Excel reads the Chinese text as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for quote in export.quotes:
        row = _row(quote, export.at)
        writer.writerow([_defuse(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _json_quote(quote, at):
    row = _row(quote, at)
    row["id"] = quote.pk
    row["corrections"] = [
        {
            "changed_at": note.changed_at.isoformat(),
            "field": note.field,
            "old_value": note.old_value,
            "new_value": note.new_value,
            "note": note.note,
        }
        for note in quote.correction_notes
    ]
    row["citation"] = {
        "text": quote.citation.text,
        "html": quote.citation.html,
        "markdown": quote.citation.markdown,
    }
    return row


def to_json(export, params):
    document = {
        "generated_at": export.at.isoformat(),
        "parameters": {key: params.get(key) for key in sorted(params) if key != "page"},
        "limit": EXPORT_LIMIT,
        "total": export.total,
        "truncated": export.truncated,
        "quotes": [_json_quote(quote, export.at) for quote in export.quotes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _markdown_quote(quote):
    lines = [quote.citation.markdown, ""]
    if quote.embargo_label:
        lines += [f"**{markdown_escape(quote.embargo_label)}**", ""]
    if quote.original_text:
        lines += [f"{_('Original')}: {markdown_escape(quote.original_text)}", ""]
    for note in quote.correction_notes:
        lines.append(f"- {_('Correction')}: {markdown_escape(_correction_line(note))}")
    if quote.correction_notes:
        lines.append("")
    return lines


def to_markdown(export, title):
    lines = [f"# {markdown_escape(title)}", ""]
    if export.truncated:
        lines += [
            _("The first %(count)d of %(total)d quotes.")
            % {"count": len(export.quotes), "total": export.total},
            "",
        ]
    for quote in export.quotes:
        lines += _markdown_quote(quote)
    return "\n".join(lines)
