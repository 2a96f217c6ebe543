"""Pick the reader for an uploaded agenda: frab XML or a CSV spreadsheet."""

from events.interop.csv_import import parse_csv
from events.interop.frab_import import parse_frab


def looks_like_xml(data):
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def parse_upload(data, *, forum, time_zone=None):
    """A ParsedFile; raises ImportRefused when the file cannot be read at all."""
    if looks_like_xml(data):
        return parse_frab(data, forum=forum, time_zone=time_zone)
    return parse_csv(data, forum=forum)
