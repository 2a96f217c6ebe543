"""URL helpers shared by the apps."""

from django.urls import NoReverseMatch, reverse


def reverse_or_empty(name, **kwargs):
    """The URL of `name`, or "" while nothing mounts it.

    Public URLs are mounted by django CMS apphooks, which may not exist (yet).
    """
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""
