"""Press invitations: who invited which press member, and when.

Part of the `events` app (events/models/__init__.py imports it); organizers get its
permissions with the rest of the app's (events/roles.py), so "add press
invitation" is the right to invite press staff.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PressInvitation(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="press_invitation",
        verbose_name=_("press member"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("last sent at"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The invitation email and its link are in this language."),
    )

    class Meta:
        app_label = "events"
        verbose_name = _("press invitation")
        verbose_name_plural = _("press invitations")
        ordering = ["-invited_at", "-pk"]

    def __str__(self):
        return self.user.email

    @property
    def accepted(self):
        """The invitee has set a password."""
        return self.user.has_usable_password()


class EmbargoView(models.Model):
    """A press room user was shown a quote before its embargo lifted (events/press/seen.py).

    Written wherever a logged-in user may be shown one (the `Surface` choices: the press
    room, the public pages and site search, the featured-quote plugin, the API);
    organizers read it in the admin. The record outlives what it names: the user's name
    is kept with the row, and so are the quote's text and its speaker's name, so deleting
    an account or a quote empties `user` or `quote` and leaves the row.
    """

    class Surface(models.TextChoices):
        SEARCH = "search", _("Press room search")
        QUOTE = "quote", _("Quote page")
        EXPORT = "export", _("Export")
        PACK = "pack", _("Press pack")
        API = "api", _("API")
        SESSION = "session", _("Session page")
        SPEAKER = "speaker", _("Speaker page")
        TOPIC = "topic", _("Topic page")
        SITE_SEARCH = "site_search", _("Site search")
        FEATURED_QUOTE = "featured_quote", _("Featured quote on a CMS page")

    # SET_NULL, not CASCADE: an audit trail must not go with what it audits, and the
    # admin's delete of a quote (or of what its deletion takes) would need the right to
    # delete these rows, which nobody has (events/press/admin_seen.py).
    quote = models.ForeignKey(
        "events.Quote",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("quote"),
        help_text=_("Empty once the quote is deleted; the row keeps its text and speaker."),
    )
    # The whole text rather than an excerpt: what was had before the embargo lifted, as it
    # was shown then (a later correction of the quote does not change it).
    quote_text = models.TextField(_("quote text"), help_text=_("The quote as it was shown."))
    speaker_name = models.CharField(
        _("speaker"), max_length=200, help_text=_("The speaker's name when it was shown.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    viewed_at = models.DateTimeField(_("seen at"), default=timezone.now, db_index=True)
    embargo_until = models.DateTimeField(
        _("embargoed until"), help_text=_("When the embargo was to lift, as of that moment.")
    )
    surface = models.CharField(_("where"), max_length=16, choices=Surface.choices)

    class Meta:
        app_label = "events"
        verbose_name = _("embargoed quote seen")
        verbose_name_plural = _("embargoed quotes seen")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.username}: {self.speaker_name} ({self.viewed_at:%Y-%m-%d %H:%M})"
