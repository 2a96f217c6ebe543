"""Plugin configurations (events/cms_plugins.py).

They hold only what the organizer chose; what is shown is computed on each render
by the QuerySet methods named after the plugins, through visible_to.
"""

from cms.models import CMSPlugin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.forums import Forum
from events.models.quotes import Quote
from events.models.topics import PanelTopic
from speakers.models import Speaker


class UpcomingSessionsPluginConfig(CMSPlugin):
    count = models.PositiveSmallIntegerField(_("number of sessions"), default=5)

    def __str__(self):
        return str(self.count)


class ForumListPluginConfig(CMSPlugin):
    count = models.PositiveSmallIntegerField(
        _("number of forums"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Upcoming forums first, soonest first; then the latest past ones."),
    )

    def __str__(self):
        return str(self.count)


class LatestQuotesPluginConfig(CMSPlugin):
    count = models.PositiveSmallIntegerField(
        _("number of quotes"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("The newest public quotes, newest first, as in the quotes feed."),
    )

    def __str__(self):
        return str(self.count)


class FeaturedQuotePluginConfig(CMSPlugin):
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="+", verbose_name=_("quote")
    )

    def __str__(self):
        return str(self.quote_id)


class ForumAgendaPluginConfig(CMSPlugin):
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("forum"),
        help_text=_("Only published sessions of a published forum are shown to visitors."),
    )
    day = models.DateField(
        _("day"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole agenda, or pick one day of the forum."),
    )

    class Meta:
        verbose_name = _("forum agenda settings")
        verbose_name_plural = _("forum agenda settings")

    def __str__(self):
        return f"{self.forum} {self.day or ''}".strip()

    def clean(self):
        super().clean()
        forum = self.forum if self.forum_id else None
        if forum and self.day and not forum.start_date <= self.day <= forum.end_date:
            raise ValidationError(
                {
                    "day": _("%(forum)s runs from %(start)s to %(end)s; pick a day in between.")
                    % {"forum": forum, "start": forum.start_date, "end": forum.end_date}
                }
            )


class SpeakerGridPluginConfig(CMSPlugin):
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
        help_text=_(
            "Shows the forum's speakers, with their titles at the forum's date. "
            "With chosen speakers, it only dates their titles."
        ),
    )
    speakers = models.ManyToManyField(
        Speaker,
        blank=True,
        related_name="+",
        verbose_name=_("chosen speakers"),
        help_text=_("Shown instead of the forum's speakers. Unpublished ones stay hidden."),
    )

    class Meta:
        verbose_name = _("speaker grid settings")
        verbose_name_plural = _("speaker grid settings")

    def __str__(self):
        return str(self.forum) if self.forum_id else str(_("chosen speakers"))

    def copy_relations(self, oldinstance):
        # The CMS copies plugins when pages are copied or published; M2M rows are ours to copy.
        self.speakers.set(oldinstance.speakers.all())


class TopicSessionsPluginConfig(CMSPlugin):
    topic = models.ForeignKey(
        PanelTopic, on_delete=models.CASCADE, related_name="+", verbose_name=_("topic")
    )
    count = models.PositiveSmallIntegerField(
        _("number of sessions"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("The most recent sessions on the topic, across all forums."),
    )

    class Meta:
        verbose_name = _("topic sessions settings")
        verbose_name_plural = _("topic sessions settings")

    def __str__(self):
        return str(self.topic)


# Defined with the press room; imported here so that Django registers it with `events`.
