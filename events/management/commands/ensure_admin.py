import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Create the superuser `admin` if it does not exist. The password comes from "
        "DJANGO_ADMIN_PASSWORD, or is generated and printed once. An existing `admin` is "
        "left as it is (change its password with `manage.py changepassword admin`)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"The superuser '{USERNAME}' exists; nothing changed.")
            return
        given = os.environ.get("DJANGO_ADMIN_PASSWORD", "")
        password = given or secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        if given:
            self.stdout.write(
                f"Created the superuser '{USERNAME}' with the password in DJANGO_ADMIN_PASSWORD."
            )
            return
        # Shown once: it is not stored anywhere but as a hash.
        self.stdout.write(
            self.style.WARNING(
                f"Created the superuser '{USERNAME}' with the password: {password}\n"
                "Note it now; it is not shown again."
            )
        )
