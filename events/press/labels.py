"""Labels a journalist must not miss: embargoes, in the forum's own time zone."""

from django.utils import formats
from django.utils.translation import gettext as _


def embargo_end(quote, at):
    """When `quote` stops being embargoed, if it still is at `at`; else None.

    A quote is held back by its own embargo and by its session's, so the later one counts.
    """
    ends = [quote.embargo_until]
    if quote.session_id:
        ends.append(quote.session.embargo_until)
    ends = [end for end in ends if end is not None and end > at]
    return max(ends) if ends else None


def zone_offset(moment):
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def local_time(moment, forum):
    """'July 7, 2023, 09:00 (Asia/Shanghai, UTC+08:00)': the time where the forum is held."""
    local = moment.astimezone(forum.tzinfo)
    return _("%(date)s, %(time)s (%(zone)s, %(offset)s)") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": local.strftime("%H:%M"),
        "zone": forum.time_zone,
        "offset": zone_offset(local),
    }


def session_embargo_label(session, at):
    """The session page's label for those who see a session under embargo, or ""."""
    if session.embargo_until is None or session.embargo_until <= at:
        return ""
    return _embargoed_until(session.embargo_until, session.forum)


def embargo_label(quote, at):
    """'EMBARGOED until July 7, 2023, 09:00 (Asia/Shanghai, UTC+08:00)', or ""."""
    end = embargo_end(quote, at)
    if end is None:
        return ""
    return _embargoed_until(end, quote.forum)


def _embargoed_until(end, forum):
    return _("EMBARGOED until %(time)s") % {"time": local_time(end, forum)}
