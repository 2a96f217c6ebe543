"""Model fields shared by the apps."""

import nh3
from django.db import models

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
