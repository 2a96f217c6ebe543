from django.core.management.base import BaseCommand, CommandError

from events.roles import RolesNotReady, roles_setup


class Command(BaseCommand):
    help = (
        "Create the Organizers, Press and Editors groups with exactly their permissions. "
        "Safe to run again: it changes nothing when the groups are already right. "
        "Organizers and editors also need the staff flag on their user to reach the admin."
    )

    def handle(self, *args, **options):
        try:
            report = roles_setup()
        except RolesNotReady as error:
            raise CommandError(str(error)) from error
        for name, (created, added, removed) in report.items():
            if created:
                state = f"created with {added} permissions"
            elif added or removed:
                state = f"updated: {added} permissions added, {removed} removed"
            else:
                state = "unchanged"
            self.stdout.write(f"{name}: {state}")
