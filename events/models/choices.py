import zoneinfo

from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh", _("Chinese")),
]
