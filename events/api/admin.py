"""The API tokens' admin: organizers issue and revoke tokens for the press only.

rest_framework.authtoken's own admin lets anyone who may add tokens issue one for any
user, a superuser included, and read its key. An organizer could then call the API as
that person, and embargoed quotes seen that way are logged under their name.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

PRESS_PERMISSION = "events.view_embargoed_quote"
# The backend that holds group and user permissions (axes' backend, also configured, holds none).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def press_accounts():
    """Active press accounts outside the staff: whom a token may be issued for."""
    users = get_user_model().objects.with_perm(
        PRESS_PERMISSION, include_superusers=False, backend=PERMISSION_BACKEND
    )
    return users.filter(is_staff=False)


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class PressTokenAdmin(TokenAdmin):
    """Superusers manage every token; everyone else the press's tokens only."""

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        if request.user.is_superuser:
            return tokens
        return tokens.filter(user__in=press_accounts())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = press_accounts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
