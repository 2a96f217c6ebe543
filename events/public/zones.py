"""Time zone labels for the public pages: "GMT+8, Shanghai", in the reader's language.

The city of a zone is translated for the zones forums are likely to use; any other
zone shows the city from its IANA name ("America/Argentina/Buenos_Aires" reads
"Buenos Aires") rather than nothing.
"""

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Translated city names. Keep the keys real IANA names (tests/events/test_zones.py).
CITIES = {
    "Asia/Shanghai": gettext_lazy("Shanghai"),
    "Asia/Hong_Kong": gettext_lazy("Hong Kong"),
    "Asia/Macau": gettext_lazy("Macau"),
    "Asia/Taipei": gettext_lazy("Taipei"),
    "Asia/Urumqi": gettext_lazy("Urumqi"),
    "Asia/Tokyo": gettext_lazy("Tokyo"),
    "Asia/Seoul": gettext_lazy("Seoul"),
    "Asia/Singapore": gettext_lazy("Singapore"),
    "Asia/Kuala_Lumpur": gettext_lazy("Kuala Lumpur"),
    "Asia/Bangkok": gettext_lazy("Bangkok"),
    "Asia/Jakarta": gettext_lazy("Jakarta"),
    "Asia/Kolkata": gettext_lazy("Kolkata"),
    "Asia/Dubai": gettext_lazy("Dubai"),
    "Europe/Moscow": gettext_lazy("Moscow"),
    "Europe/Berlin": gettext_lazy("Berlin"),
    "Europe/Paris": gettext_lazy("Paris"),
    "Europe/London": gettext_lazy("London"),
    "Europe/Amsterdam": gettext_lazy("Amsterdam"),
    "Europe/Stockholm": gettext_lazy("Stockholm"),
    "Europe/Rome": gettext_lazy("Rome"),
    "Europe/Madrid": gettext_lazy("Madrid"),
    "America/New_York": gettext_lazy("New York"),
    "America/Detroit": gettext_lazy("Detroit"),
    "America/Chicago": gettext_lazy("Chicago"),
    "America/Los_Angeles": gettext_lazy("Los Angeles"),
    "America/Toronto": gettext_lazy("Toronto"),
    "America/Mexico_City": gettext_lazy("Mexico City"),
    "America/Sao_Paulo": gettext_lazy("São Paulo"),
    "Australia/Sydney": gettext_lazy("Sydney"),
}


def city(zone_name):
    """The zone's city in the active language."""
    if zone_name in CITIES:
        return str(CITIES[zone_name])
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def offset(zone, day):
    """'GMT+8', 'GMT-3:30': the zone's offset from UTC at the start of `day`."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    minutes = int(start.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(forum):
    """'GMT+8, Shanghai' (zh-hans: 'GMT+8，上海'): offset on the forum's first day, and city."""
    # Translators: a time zone label, e.g. "GMT+8, Shanghai".
    return _("%(offset)s, %(city)s") % {
        "offset": offset(forum.tzinfo, forum.start_date),
        "city": city(forum.time_zone),
    }
