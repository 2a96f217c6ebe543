"""{% language_url "zh-hans" %}: this page in another language, its query string kept.

django CMS's {% page_language_url %} gives the path alone, so a journalist switching
/en/press/?q=battery to Chinese lost the search; the language chooser uses this instead.
"""

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
