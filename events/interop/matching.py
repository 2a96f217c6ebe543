"""Find what an import names among what the database holds, before creating anything.

Matching is case-insensitive in the Unicode sense, the same on SQLite and PostgreSQL:
SQLite's LOWER() and iexact fold ASCII only ("ÉCOLE" would not find "École"), so names
are folded in Python (fold()) and never compared by the database. Each directory reads
the names it could match in one query, then loads the matching objects in one more.
Speakers also match by native-script name and guid, organizations by any translation
of their name or their short name.
"""

import re
import unicodedata
import uuid

from django.db.models import Q
from django.utils.text import slugify

from events.models import PanelTopic, Room
from speakers.models import Affiliation, Organization, Speaker

CJK = re.compile(r"[\u3400-\u9fff]")


def fold(text):
    """The key names are compared by: "ÉCOLE", "École", "ｅｃｏｌｅ" and "école" agree.

    NFKC first, so composed and decomposed accents and full-width Latin letters (as
    Chinese input methods type them) compare equal; runs of spaces count as one.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _matching_ids(rows, wanted):
    """Ids of the (id, name, name, ...) rows with any name in the folded set `wanted`."""
    return {row[0] for row in rows if any(name and fold(name) in wanted for name in row[1:])}


def unique_slug(base, taken, fallback):
    base = (slugify(base) or fallback)[:110]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


class Rooms:
    """The rooms of the forum's venue, found by guid or by their name in any language."""

    def __init__(self, forum, language=None):
        self.venue = forum.venue
        self.forum = forum
        self.language = language
        rooms = list(Room.objects.filter(venue=forum.venue).with_names()) if forum.venue_id else []
        self.by_name = {}
        for room in rooms:
            for translation in room.translations.all():
                self.by_name.setdefault(fold(translation.name), room)
        self.by_guid = {room.guid: room for room in rooms}
        self.new = []

    def names(self):
        """The rooms' names in the active language (else their fallback), sorted."""
        return sorted({str(room) for room in self.by_name.values()})

    def find(self, name, guid=None):
        return self.by_guid.get(guid) or self.by_name.get(fold(name))

    def create(self, name, guid):
        if guid is None or Room.objects.filter(guid=guid).exists():
            guid = uuid.uuid5(uuid.NAMESPACE_URL, f"forum-site:{self.forum.slug}:{name}")
        room = Room(venue=self.venue, guid=guid)
        if self.language:
            room.set_current_language(self.language)
        room.name = name
        self.by_name[fold(name)] = room
        self.by_guid[guid] = room
        self.new.append(room)
        return room


class Topics:
    def __init__(self, names, language):
        self.language = language
        wanted = {fold(name) for name in names}
        rows = PanelTopic.objects.values_list("pk", "slug", "translations__title")
        ids = _matching_ids(rows, wanted)
        topics = PanelTopic.objects.filter(pk__in=ids).prefetch_related("translations")
        self.by_key = {}
        for topic in topics:
            self.by_key[topic.slug] = topic
            for translation in topic.translations.all():
                self.by_key[fold(translation.title)] = topic
        self.taken = set(PanelTopic.objects.values_list("slug", flat=True))
        self.new = []

    def resolve(self, name, slug_hint=""):
        """(topic, is_new)."""
        found = self.by_key.get(fold(name))
        if found:
            return found, False
        topic = PanelTopic(slug=unique_slug(slug_hint or name, self.taken, "topic"))
        topic.set_current_language(self.language)
        topic.title = name[:200]
        self.by_key[fold(name)] = topic
        self.new.append(topic)
        return topic, True


class Organizations:
    def __init__(self, names, language):
        self.language = language
        wanted = {fold(name) for name in names if name}
        rows = Organization.objects.values_list("pk", "short_name", "translations__name")
        found = Organization.objects.filter(pk__in=_matching_ids(rows, wanted)).prefetch_related(
            "translations"
        )
        self.by_key = {}
        for organization in found:
            if organization.short_name:
                self.by_key[fold(organization.short_name)] = organization
            for translation in organization.translations.all():
                self.by_key[fold(translation.name)] = organization
        self.taken = set(Organization.objects.values_list("slug", flat=True))
        self.new = []

    def resolve(self, name):
        """(organization, is_new)."""
        found = self.by_key.get(fold(name))
        if found:
            return found, False
        organization = Organization(slug=unique_slug(name, self.taken, "organization"))
        organization.set_current_language(self.language)
        organization.name = name[:200]
        self.by_key[fold(name)] = organization
        self.new.append(organization)
        return organization, True


class People:
    """Speakers by guid, by Latin name (any case) or by native-script name."""

    def __init__(self, persons, *, publish):
        self.publish = publish
        wanted = {fold(p.name) for p in persons}
        guids = {p.guid for p in persons if p.guid}
        ids = _matching_ids(Speaker.objects.values_list("pk", "name", "name_native"), wanted)
        speakers = Speaker.objects.filter(Q(pk__in=ids) | Q(guid__in=guids)).prefetch_related(
            "affiliations__translations"
        )
        self.by_guid, self.by_name = {}, {}
        for speaker in speakers:
            self._remember(speaker)
        self.taken = set(Speaker.objects.values_list("slug", flat=True))
        self.new = []
        self.new_affiliations = []

    def _remember(self, speaker):
        self.by_guid[speaker.guid] = speaker
        for name in (speaker.name, speaker.name_native):
            if name:
                self.by_name.setdefault(fold(name), speaker)

    def resolve(self, person):
        """(speaker, is_new)."""
        found = self.by_guid.get(person.guid) or self.by_name.get(fold(person.name))
        if found:
            return found, False
        speaker = Speaker(
            name=person.name[:200],
            name_native=person.name[:200] if CJK.search(person.name) else "",
            slug=unique_slug(person.name, self.taken, "speaker"),
            is_published=self.publish,
        )
        if person.guid:
            speaker.guid = person.guid
        self._remember(speaker)
        self.new.append(speaker)
        return speaker, True

    def affiliate(self, speaker, organization, title, *, since, language):
        """Plan an affiliation unless the speaker already holds this title there."""
        if not organization.pk or not speaker.pk:
            return self._add_affiliation(speaker, organization, title, since, language)
        for affiliation in speaker.affiliations.all():
            titles = {fold(t.title) for t in affiliation.translations.all()}
            if affiliation.organization_id == organization.pk and fold(title) in titles:
                return None
        return self._add_affiliation(speaker, organization, title, since, language)

    def _add_affiliation(self, speaker, organization, title, since, language):
        for planned in self.new_affiliations:
            if (planned.speaker, planned.organization) == (speaker, organization):
                return None
        affiliation = Affiliation(speaker=speaker, organization=organization, start_date=since)
        affiliation.set_current_language(language)
        affiliation.title = title[:200]
        self.new_affiliations.append(affiliation)
        return affiliation
