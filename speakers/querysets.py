"""Query vocabulary for speakers: visibility and the shapes of the pages that list them."""

from django.db.models import Prefetch
from parler.managers import TranslatableQuerySet


class AffiliationQuerySet(TranslatableQuerySet):
    def for_attribution(self):
        """With titles and organizations: everything an attribution line reads."""
        return self.select_related("organization").prefetch_related(
            "translations", "organization__translations"
        )


class SpeakerQuerySet(TranslatableQuerySet):
    def visible_to(self, user):
        """Published speakers; everyone with change permission also sees unpublished ones."""
        if user is not None and user.has_perm("speakers.change_speaker"):
            return self
        return self.filter(is_published=True)

    def for_speaker_list(self, user):
        """Visible speakers, for cards: events/public/rows.speaker_cards reads what they show."""
        return self.visible_to(user)

    def for_site_search(self, user):
        """Visible speakers with their affiliations, for the line under each result."""
        affiliation = self.model._meta.get_field("affiliations").related_model
        return self.visible_to(user).prefetch_related(
            Prefetch("affiliations", queryset=affiliation.objects.for_attribution())
        )

    def for_speaker_page(self, user):
        """Visible speakers with their bios, affiliations, titles and organizations."""
        affiliation = self.model._meta.get_field("affiliations").related_model
        return self.visible_to(user).prefetch_related(
            "translations",
            Prefetch("affiliations", queryset=affiliation.objects.for_attribution()),
        )

    def for_speaker_grid_plugin(self, user, *, chosen=None, appearing_in=None):
        """Visible speakers for the speaker grid: the `chosen` ones (a queryset of speakers),
        else those taking part in the sessions `appearing_in` (a queryset the caller, which
        knows sessions, has already limited to what `user` may see)."""
        speakers = self.for_speaker_list(user)
        if chosen is not None:
            return speakers.filter(pk__in=chosen.values("pk"))
        return speakers.filter(pk__in=appearing_in.values("participants__speaker").order_by())
