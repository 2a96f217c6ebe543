from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from common.fields import SanitizedHTMLField
from common.urls import reverse_or_empty
from events.querysets import PanelTopicQuerySet


class PanelTopic(TranslatableModel):
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=SanitizedHTMLField(_("description"), blank=True),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    objects = PanelTopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel topic")
        verbose_name_plural = _("panel topics")
        ordering = ["slug"]

    def __str__(self):
        return self.safe_translation_getter("title", any_language=True) or self.slug

    def get_absolute_url(self):
        return reverse_or_empty("topics:topic-detail", slug=self.slug)
