"""Read an agenda spreadsheet saved as XLSX: the same columns, rows and errors as CSV.

Only the first worksheet is read, as cell values (a formula counts by the value Excel
saved with it). Before openpyxl sees the file, the archive's unpacked size is checked,
so a small "zip bomb" cannot fill memory, and any XML part with a document type
declaration is refused: Excel never writes one, and it is what entity expansion
("billion laughs") and external entity (XXE) attacks need. openpyxl itself parses with
defusedxml or an lxml parser that resolves no entities.
"""

import datetime as dt
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from events.interop.csv_import import check_size, parse_rows
from events.interop.plan import ImportRefused, ParsedFile, Problem

ZIP_MAGIC = b"PK\x03\x04"
# Old Excel (.xls) and other OLE2 compound files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A 5 MB agenda unpacks to far less; real workbooks compress about 5-10 times.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def looks_like_xlsx(data):
    return data.startswith(ZIP_MAGIC)


def looks_like_xls(data):
    return data.startswith(OLE2_MAGIC)


def refuse_xls():
    raise ImportRefused(
        Problem(
            _("file"),
            "",
            _(
                "This is an old Excel workbook (.xls). Save it as 'Excel Workbook (*.xlsx)' "
                "or as 'CSV UTF-8 (Comma delimited) (*.csv)' and upload that."
            ),
        )
    )


def parse_xlsx(data, *, forum):
    check_size(data)
    workbook = _open(data)
    try:
        sheet = workbook.worksheets[0]
        rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return parse_rows(ParsedFile(format="csv"), rows, forum=forum)


def _open(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise ImportRefused(_unreadable()) from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportRefused(_unreadable()) from error


def _check_archive(archive):
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportRefused(_unreadable())
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefused(
            Problem(
                _("file"),
                "",
                _("The workbook unpacks to %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": unpacked, "limit": MAX_UNPACKED_BYTES},
            )
        )
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")) and _unsafe_xml(archive.read(name)):
            raise ImportRefused(_unreadable())


def _unsafe_xml(content):
    # A NUL byte means UTF-16 or UTF-32, where the byte search below would miss it.
    return b"<!DOCTYPE" in content.upper() or b"\0" in content


def _unreadable():
    return Problem(
        _("file"),
        "",
        _(
            "The file is a ZIP archive but not a readable Excel workbook (.xlsx). Save the "
            "agenda as 'Excel Workbook (*.xlsx)' or as 'CSV UTF-8 (Comma delimited) (*.csv)'."
        ),
    )


def _text(value):
    """A cell as the text the CSV reader expects: dates 2023-07-06, times 09:30."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_time_text(value.time())}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _time_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a numeric ref such as 12 is stored as 12.0
    return str(value)


def _time_text(value):
    # Excel stores times as fractions of a day; 09:30 may come back as 09:29:59.999.
    seconds = round(value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if seconds:
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{hours:02d}:{minutes:02d}"
