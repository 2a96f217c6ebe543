"""Serializer fields for what the models compute: translations, local times, permalinks."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class _WholeObjectField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(_WholeObjectField):
    """A parler field in the active language, falling back to English, then any."""

    def __init__(self, name, **kwargs):
        self.translated_name = name
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return obj.safe_translation_getter(self.translated_name, default="", any_language=True)


@extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
class LocalDateTimeField(_WholeObjectField):
    """An instant shown with the UTC offset of the forum's time zone (stored as UTC)."""

    def __init__(self, name, forum="forum", **kwargs):
        self.attribute, self.forum_path = name, forum
        super().__init__(**kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.attribute)
        if value is None:
            return None
        forum = obj if self.forum_path is None else getattr(obj, self.forum_path)
        return timezone.localtime(value, forum.tzinfo).isoformat()


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class PermalinkField(_WholeObjectField):
    """The absolute URL of the public page, or null while no page shows such objects."""

    def to_representation(self, obj):
        path = obj.get_absolute_url()
        return self.context["request"].build_absolute_uri(path) if path else None
