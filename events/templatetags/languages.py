"""Tags for pages read in English and Chinese.

{% language_url "zh-hans" %}: this page in another language, its query string kept.
django CMS's {% page_language_url %} gives the path alone, so a journalist switching
/en/press/?q=battery to Chinese lost the search; the language chooser uses this instead.

{{ sentence|then_space }}: a translated sentence and the space before the next element,
left out after full-width punctuation ("下载这些结果：CSV", "Download these results: CSV").
"""

import unicodedata

from django import template
from django.urls import NoReverseMatch
from menus.utils import DefaultLanguageChanger

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language):
    """The URL of the current page in `language`, with the request's query string."""
    request = context.get("request")
    if request is None:  # an error page rendered without the context processors
        return ""
    url = _path_in(request, language)
    # A toolbar request's query (cms_path=...) belongs to the CMS's endpoint, not the page.
    if not request.GET or "cms_path" in request.GET:
        return url
    return f"{url}{'&' if '?' in url else '?'}{request.GET.urlencode()}"


def _path_in(request, language):
    """The path django CMS's {% page_language_url %} gives, through the same changers."""
    changer = getattr(request, "_language_changer", None)
    if changer is not None:
        try:
            return changer(language)
        except NoReverseMatch:
            pass
    return DefaultLanguageChanger(request)(language)


@register.filter(is_safe=True)
def then_space(text):
    """`text` and a space, none after full-width punctuation ("：", "。", "）"), which
    holds its own spacing in Chinese."""
    text = str(text)
    last = text.rstrip()[-1:]
    full_width = last and unicodedata.east_asian_width(last) in ("F", "W")
    if full_width and unicodedata.category(last).startswith("P"):
        return text
    return f"{text} "
