"""The language of an API answer: `?lang=` when given, else `Accept-Language`, else English.

The language cookie the public pages set is ignored on purpose: an answer's
language must follow from the request's URL and headers, which `Vary` covers.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

SUPPORTED = [code for code, _name in settings.LANGUAGES]


def _from_header(header):
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def negotiate(request):
    """The response language for a DRF request, or a 400 for an unknown `?lang=`."""
    requested = request.query_params.get("lang")
    if requested is None or requested == "":
        return _from_header(request.headers.get("Accept-Language"))
    if requested.lower() not in SUPPORTED:
        message = _("Unknown language. Choose one of: %(choices)s.") % {
            "choices": ", ".join(SUPPORTED)
        }
        raise ValidationError({"lang": [message]})
    return requested.lower()
