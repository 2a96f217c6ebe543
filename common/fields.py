"""Model fields shared by the apps."""

import re

import nh3
from django import forms
from django.core.validators import URLValidator
from django.db import models

from common.images import checked_image

# Tags an organizer may use in abstracts, bios and descriptions. Everything else,
# including every event handler attribute and javascript: URL, is stripped by nh3.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "h2", "h3", "h4",
    "i", "li", "ol", "p", "pre", "q", "s", "strong", "sub", "sup", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}


def sanitize_html(value):
    if not value:
        return value
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


class SanitizedHTMLField(models.TextField):
    """A TextField whose HTML is cleaned by nh3 every time it is saved.

    Cleaning in pre_save means every path that saves (admin, imports, the
    shell) stores only safe markup, and templates may mark it safe.
    """

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


# Link schemes a visitor's browser may follow from a stored URL. Anything else
# (javascript:, data:, vbscript:) would run or render content in our origin.
WEB_URL_SCHEMES = ("http", "https")
_URL_NOISE = re.compile(r"[\x00-\x20]")


def web_url_or_empty(value):
    """`value` when it is an http(s) URL, else "".

    Browsers drop tabs, newlines and control characters inside a scheme
    ("java\tscript:"), so they are dropped here before the scheme is read.
    """
    if not value:
        return value
    scheme, sep, _rest = _URL_NOISE.sub("", value).partition(":")
    return value if sep and scheme.lower() in WEB_URL_SCHEMES else ""


class WebURLField(models.URLField):
    """A URLField that only ever stores http(s) URLs.

    Forms refuse other schemes with the validator's message; saves that skip
    validation (imports, the shell, fixtures) store "" instead, as nh3 drops a
    javascript: link from rich text. Templates may then put the value in href.
    """

    default_validators = [URLValidator(schemes=WEB_URL_SCHEMES)]

    def pre_save(self, model_instance, add):
        value = web_url_or_empty(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class CheckedImageFormField(forms.FileField):
    """An image upload checked by its content; cleaning gives the re-encoded file."""

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else checked_image(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class CheckedImageField(models.ImageField):
    """An ImageField whose forms accept only what common.images.checked_image passes,
    and store its re-encoding (no EXIF, no hidden content)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})
