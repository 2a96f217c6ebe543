"""Personal agendas: the sessions a visitor starred, and the calendar feed that follows them.

A signed-in user's agenda lives here, one per user. A visitor without an account keeps
the starred ids in a cookie (events/public/my_agenda.py); an agenda row exists for them
only once they ask for a calendar feed, and it then follows the cookie. The token is the
feed's only credential: rotating it revokes every old URL.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class PersonalAgenda(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_agenda",
    )
    # Empty: no feed (never made, or stopped).
    token = models.CharField(_("feed token"), max_length=64, blank=True, default="")
    sessions = models.ManyToManyField(
        "events.Session", verbose_name=_("sessions"), through="AgendaStar", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal agenda")
        verbose_name_plural = _("personal agendas")
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=~models.Q(token=""), name="agenda_token_unique"
            )
        ]

    def __str__(self):
        return str(self.user) if self.user_id else f"#{self.pk}"


class AgendaStar(models.Model):
    agenda = models.ForeignKey(PersonalAgenda, on_delete=models.CASCADE, related_name="stars")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="+")
    starred_at = models.DateTimeField(_("starred at"), auto_now_add=True)

    class Meta:
        verbose_name = _("starred session")
        verbose_name_plural = _("starred sessions")
        constraints = [
            models.UniqueConstraint(fields=["agenda", "session"], name="agenda_star_unique")
        ]

    def __str__(self):
        return f"{self.agenda}: {self.session_id}"
