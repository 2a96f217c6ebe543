import zoneinfo

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh", _("Chinese")),
]

# A filter reads a language as a range (RFC 4647, basic filtering): "zh" is any Chinese,
# simplified included, as a journalist asking for Chinese quotes means; "zh-hans" is only that.
LANGUAGE_FILTER_CHOICES = [
    ("en", _("English")),
    ("zh", _("Chinese, any script")),
    ("zh-hans", _("Simplified Chinese")),
]


def in_language(field, language):
    """Q for rows whose `field` holds `language` or a subtag of it (zh matches zh-hans)."""
    return Q(**{field: language}) | Q(**{f"{field}__istartswith": f"{language}-"})
