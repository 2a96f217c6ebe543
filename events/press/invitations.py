"""Inviting press staff: an account in the Press group, and a set-password link by email.

The link is Django's password-reset link (default_token_generator), so it stops
working once a password is set and after PASSWORD_RESET_TIMEOUT (3 days by
default); an invitee who misses it uses "Forgot your password?" or asks for the
invitation again.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from events.models import PressInvitation
from events.roles import PRESS


def email_taken(email):
    User = get_user_model()
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def press_member_invite(*, email, name="", language="en", invited_by, absolute):
    """Create an active, non-staff user in the Press group and email the invitation.

    All or nothing: if the email cannot be sent, no account is left behind.
    `absolute` turns a path into an absolute URL (request.build_absolute_uri).
    Raises ValidationError (keyed by field) for a taken or invalid email.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    if email_taken(email):
        raise ValidationError(
            {"email": _("There is already an account with the email address %(email)s.")
             % {"email": email}}
        )  # fmt: skip
    group = Group.objects.filter(name=PRESS).first()
    if group is None:
        raise ValidationError(_("The Press group does not exist: run `manage.py setup_roles`."))
    with transaction.atomic():
        user = User(username=email.lower(), email=email, first_name=name.strip())
        user.set_unusable_password()
        _validate(user)
        user.save()
        user.groups.add(group)
        invitation = PressInvitation.objects.create(
            user=user, invited_by=invited_by, language=language
        )
        invitation_send(invitation=invitation, absolute=absolute)
    return invitation


def _validate(user):
    """full_clean(), with errors named after the invitation form's fields."""
    try:
        user.full_clean()
    except ValidationError as error:
        fields = {"first_name": "name"}
        raise ValidationError(
            {fields.get(name, "email"): messages for name, messages in error.message_dict.items()}
        ) from error


def invitation_send(*, invitation, absolute):
    """Email (again) the set-password link of a press member who has no password yet."""
    user = invitation.user
    if user.has_usable_password():
        raise ValidationError(_("%(email)s has already set a password.") % {"email": user.email})
    with translation.override(invitation.language):
        path = reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        login = absolute(reverse("accounts:login"))
        context = {"user": user, "link": absolute(path), "login": login}
        subject = render_to_string("events/press/accounts/invitation_subject.txt", context)
        body = render_to_string("events/press/accounts/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email], fail_silently=False)
    invitation.last_sent_at = timezone.now()
    invitation.save(update_fields=["last_sent_at"])
