from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from events.demo.loader import demo_forum_load


class Command(BaseCommand):
    help = (
        "Load the 2023 China Auto Forum demo (forum, agenda, speakers, quotes). "
        "Does nothing when the forum china-auto-forum-2023 exists, so it is safe to run again "
        "and never overwrites edits; other data is left alone."
    )

    def handle(self, *args, **options):
        try:
            result = demo_forum_load()
        except ValidationError as error:
            message = f"The demo forum was not loaded, nothing changed: {error}"
            raise CommandError(message) from error
        forum = result.forum
        if not result.created:
            self.stdout.write(f"The demo forum '{forum.slug}' is already loaded; nothing changed.")
            return
        self.stdout.write(
            f"Loaded the demo forum '{forum.slug}': {forum.sessions.count()} sessions, "
            f"{forum.quotes.count()} quotes."
        )
