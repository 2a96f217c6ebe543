# The venue's and the room's names and places now live in their translations (0010 copied
# them there, as English).

import django.db.models.deletion
import parler.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0010_venue_room_names_to_english'),
    ]

    operations = [
        # Only so that going back can add the columns again before 0010 fills them.
        migrations.AlterField(
            model_name='room',
            name='name',
            field=models.CharField(default='', max_length=120, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='venue',
            name='name',
            field=models.CharField(default='', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='venue',
            name='city',
            field=models.CharField(default='', max_length=120, verbose_name='city'),
        ),
        migrations.AlterField(
            model_name='venue',
            name='country',
            field=models.CharField(default='', max_length=120, verbose_name='country'),
        ),
        migrations.RemoveField(
            model_name='room',
            name='name',
        ),
        migrations.RemoveField(
            model_name='venue',
            name='address',
        ),
        migrations.RemoveField(
            model_name='venue',
            name='city',
        ),
        migrations.RemoveField(
            model_name='venue',
            name='country',
        ),
        migrations.RemoveField(
            model_name='venue',
            name='district',
        ),
        migrations.RemoveField(
            model_name='venue',
            name='name',
        ),
        migrations.AlterField(
            model_name='roomtranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.room'),
        ),
        migrations.AlterField(
            model_name='venuetranslation',
            name='master',
            field=parler.fields.TranslationsForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='events.venue'),
        ),
    ]
