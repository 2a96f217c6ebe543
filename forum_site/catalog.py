"""Strings of Django's own that this project's catalog translates differently.

Nothing imports this module; makemessages reads it, so the entries stay in
locale/zh_Hans and, as LOCALE_PATHS comes first, win over Django's catalog.
"""

from django.utils.translation import gettext_noop

# Translators: the suffix Django's forms put after every label ("Topic:"). Chinese
# writes the full-width colon: "议题：".
LABEL_SUFFIX = gettext_noop(":")
