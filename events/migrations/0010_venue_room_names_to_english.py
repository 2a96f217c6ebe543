# Today's venue and room names and places become their English translations, and back.

from django.db import migrations

VENUE_FIELDS = ("name", "district", "city", "country", "address")


def to_translations(apps, schema_editor, *, language="en"):
    for model, fields in (("Venue", VENUE_FIELDS), ("Room", ("name",))):
        master = apps.get_model("events", model)
        translation = apps.get_model("events", f"{model}Translation")
        translation.objects.bulk_create(
            translation(master_id=values.pop("pk"), language_code=language, **values)
            for values in master.objects.values("pk", *fields)
        )


def from_translations(apps, schema_editor, *, language="en"):
    """Each venue and room gets back its `language` values, else those of any language."""
    for model, fields in (("Venue", VENUE_FIELDS), ("Room", ("name",))):
        master = apps.get_model("events", model)
        translation = apps.get_model("events", f"{model}Translation")
        chosen = {}
        for row in translation.objects.order_by("pk").values("master_id", "language_code", *fields):
            if row["master_id"] not in chosen or row["language_code"] == language:
                chosen[row["master_id"]] = row
        for master_id, row in chosen.items():
            master.objects.filter(pk=master_id).update(**{field: row[field] for field in fields})


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0009_venue_room_translations'),
    ]

    operations = [
        migrations.RunPython(to_translations, from_translations),
    ]
