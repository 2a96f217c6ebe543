"""The printable programme: a forum's agenda as a PDF, by day and room (ReportLab).

Callers pass the rows the agenda page shows (rows.agenda_rows, then prepare_rows), so the
PDF holds exactly what the visitor may see, with each speaker's title as held that day.
Every text goes into ReportLab's paragraph markup escaped: its <img> tag reads local files.
"""

import io
from functools import cache
from html import escape
from itertools import groupby

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.fonts import cjk_font_path

TIME_WIDTH = 26 * mm


@cache
def _font():
    """The font's registered name: the installed CJK TrueType font, embedded as a subset,
    or else ReportLab's built-in Chinese CID font, which viewers draw from their own."""
    path = cjk_font_path()
    if path:
        pdfmetrics.registerFont(TTFont("ForumCJK", str(path), subfontIndex=0))
        return "ForumCJK"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


@cache
def _styles(font):
    def style(name, size, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **extra)

    return {
        "title": style("title", 18, spaceAfter=2 * mm),
        "subtitle": style("subtitle", 10, textColor=colors.HexColor("#444444")),
        "day": style("day", 14, spaceBefore=6 * mm, spaceAfter=2 * mm),
        "room": style("room", 11, spaceBefore=3 * mm, spaceAfter=1 * mm),
        "time": style("time", 9),
        "session": style("session", 10),
        "detail": style("detail", 8.5, textColor=colors.HexColor("#333333")),
    }


def _text(value):
    return escape(str(value or ""), quote=False)


def build_programme(forum, sessions, *, zone_label):
    """The PDF bytes of `forum`'s programme for the localized, prepared `sessions`."""
    styles = _styles(_font())
    story = [
        Paragraph(_text(forum), styles["title"]),
        Paragraph(_subtitle(forum, zone_label), styles["subtitle"]),
    ]
    if not sessions:
        story.append(Paragraph(_text(_("No sessions have been published yet.")), styles["day"]))
    for day_label, day_sessions in groupby(sessions, key=lambda s: s.day_label):
        story.append(Paragraph(_text(day_label), styles["day"]))
        by_room = sorted(day_sessions, key=_room_order)
        for room, room_sessions in groupby(by_room, key=lambda s: s.room):
            name = room.name if room else _("Room to be announced")
            story.append(Paragraph(_text(name), styles["room"]))
            story.append(_table(list(room_sessions), styles))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=str(forum),
        author=str(forum),
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        # The same agenda gives the same bytes (no timestamp, no random id): stable ETags.
        invariant=True,
    )
    document.build(story)
    return buffer.getvalue()


def _subtitle(forum, zone_label):
    dates = formats.date_format(forum.start_date, "DATE_FORMAT")
    if forum.end_date != forum.start_date:
        dates += " – " + formats.date_format(forum.end_date, "DATE_FORMAT")
    parts = [dates, str(forum.venue) if forum.venue_id else ""]
    zone = _("All times are local time (%(zone)s).") % {"zone": zone_label}
    return _text(" · ".join(part for part in parts if part)) + "<br/>" + _text(zone)


def _room_order(session):
    # Within a day: rooms in name order, sessions by time; no room last.
    room = session.room
    return (room is None, room.name if room else "", session.starts_iso, session.id)


def _table(sessions, styles):
    rows = [
        [Paragraph(_text(s.time_label), styles["time"]), _session_cell(s, styles)] for s in sessions
    ]
    table = Table(rows, colWidths=[TIME_WIDTH, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _session_cell(session, styles):
    title = f"<b>{_text(session)}</b>"
    if session.is_cancelled:
        title = f"<strike>{title}</strike> ({_text(_('cancelled'))})"
    cell = [Paragraph(f"{title} · {_text(session.kind_label)}", styles["session"])]
    people = [_person(p) for p in session.visible_participants]
    if people:
        # Chinese separates them with "；" and lists topics with "、".
        between_people = pgettext("between the people of a session", "; ")
        cell.append(Paragraph(_text(between_people.join(people)), styles["detail"]))
    topics = [str(topic) for topic in session.topic_list]
    if topics:
        between_topics = pgettext("between the topics of a session", ", ")
        label = _("Topics: %(topics)s") % {"topics": between_topics.join(topics)}
        cell.append(Paragraph(_text(label), styles["detail"]))
    cell.append(Spacer(0, 1 * mm))
    return cell


def _person(participant):
    speaker = participant.speaker
    parts = [speaker.display_name]
    affiliation = participant.affiliation
    if affiliation:
        parts += [affiliation.title_text, affiliation.organization]
    text = ", ".join(part for part in parts if part)
    if participant.role == "moderator":
        text = _("%(person)s (moderator)") % {"person": text}
    return text
