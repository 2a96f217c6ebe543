"""Pick the reader for an uploaded agenda by its content, never its name: frab XML, an
XLSX workbook (a ZIP archive) or a CSV spreadsheet."""

from events.interop.csv_import import parse_csv
from events.interop.frab_import import parse_frab
from events.interop.xlsx_import import looks_like_xls, looks_like_xlsx, parse_xlsx, refuse_xls


def looks_like_xml(data):
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def parse_upload(data, *, forum, time_zone=None):
    """A ParsedFile; raises ImportRefused when the file cannot be read at all."""
    if looks_like_xml(data):
        return parse_frab(data, forum=forum, time_zone=time_zone)
    if looks_like_xlsx(data):
        return parse_xlsx(data, forum=forum)
    if looks_like_xls(data):
        refuse_xls()
    return parse_csv(data, forum=forum)
