# Venues and rooms get translation tables (0010 fills them, 0011 drops the old columns).

import django.db.models.deletion
import parler.models
from django.db import migrations, models


class AlterModelBases(migrations.operations.base.Operation):
    """Venue and Room become TranslatableModels: the state needs parler's mixin as a base
    (its translations' foreign key asks for it). Django has no operation for bases."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, name, bases):
        self.name, self.bases = name, bases

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"name": self.name, "bases": self.bases})

    def state_forwards(self, app_label, state):
        state.models[app_label, self.name.lower()].bases = self.bases
        state.reload_model(app_label, self.name.lower(), delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Change the bases of {self.name}"


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_listing_plugins'),
    ]

    # The translations' master is a plain foreign key until 0011: parler's would proxy
    # `name` and the rest onto models that still have those columns, which it refuses.
    operations = [
        AlterModelBases('venue', (parler.models.TranslatableModelMixin, models.Model)),
        AlterModelBases('room', (parler.models.TranslatableModelMixin, models.Model)),
        migrations.CreateModel(
            name='RoomTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('name', models.CharField(help_text='Unique within its venue in each language.', max_length=120, verbose_name='name')),
            ],
            options={
                'verbose_name': 'room Translation',
                'db_table': 'events_room_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='VenueTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language_code', models.CharField(db_index=True, max_length=15, verbose_name='Language')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('district', models.CharField(blank=True, max_length=120, verbose_name='district')),
                ('city', models.CharField(max_length=120, verbose_name='city')),
                ('country', models.CharField(max_length=120, verbose_name='country')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
            ],
            options={
                'verbose_name': 'venue Translation',
                'db_table': 'events_venue_translation',
                'db_tablespace': '',
                'managed': True,
                'default_permissions': (),
            },
            bases=(parler.models.TranslatedFieldsModelMixin, models.Model),
        ),
        migrations.AlterModelOptions(
            name='room',
            options={'ordering': ['venue_id', 'pk'], 'verbose_name': 'room', 'verbose_name_plural': 'rooms'},
        ),
        migrations.AlterModelOptions(
            name='venue',
            options={'ordering': ['pk'], 'verbose_name': 'venue', 'verbose_name_plural': 'venues'},
        ),
        migrations.RemoveConstraint(
            model_name='room',
            name='room_name_unique_per_venue',
        ),
        migrations.AddField(
            model_name='roomtranslation',
            name='master',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.room'),
        ),
        migrations.AddField(
            model_name='venuetranslation',
            name='master',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.venue'),
        ),
        migrations.AddConstraint(
            model_name='roomtranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'master'), name='events_room_translation_uniq_lang'),
        ),
        migrations.AddConstraint(
            model_name='venuetranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'master'), name='events_venue_translation_uniq_lang'),
        ),
    ]
