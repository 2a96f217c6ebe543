"""Organizers invite press staff from the admin: Events › Press invitations › Invite.

Organizers hold the `events` permissions (events/roles.py), including "add
press invitation"; the User admin, which they cannot reach, is not needed.
"""

from smtplib import SMTPException

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from events.models import PressInvitation
from events.press.invitations import email_taken, invitation_send, press_member_invite


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise ValidationError(
                _(
                    "There is already an account with the email address %(email)s. "
                    "Its owner can set a new password with “Forgot your password?” "
                    "on the login page."
                ),
                params={"email": email},
            )
        return email


@admin.register(PressInvitation)
class PressInvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "accepted", "invited_at", "invited_by", "last_sent_at")
    list_select_related = ("user", "invited_by")
    search_fields = ("user__email", "user__first_name")
    date_hierarchy = "invited_at"
    readonly_fields = ("user", "invited_by", "invited_at", "last_sent_at", "language")
    actions = ("send_again",)

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, invitation):
        return invitation.user.email

    @admin.display(description=_("name"), ordering="user__first_name")
    def name(self, invitation):
        return invitation.user.first_name

    @admin.display(description=_("password set"), boolean=True)
    def accepted(self, invitation):
        return invitation.accepted

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InviteForm(request.POST or None, initial={"language": get_language()})
        if request.method == "POST" and form.is_valid() and self._invite(request, form):
            return redirect("admin:events_pressinvitation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a press member"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/events/pressinvitation/invite.html", context)

    def _invite(self, request, form):
        try:
            invitation = press_member_invite(
                **form.cleaned_data, invited_by=request.user, absolute=request.build_absolute_uri
            )
        except ValidationError as error:
            form.add_error(None, error)
            return False
        except (SMTPException, OSError) as error:
            form.add_error(
                None,
                _("The invitation could not be sent (%(error)s). No account was created.")
                % {"error": error},
            )
            return False
        self.log_addition(request, invitation, [{"added": {}}])
        self.message_user(
            request,
            _("Invitation sent to %(email)s.") % {"email": invitation.user.email},
            messages.SUCCESS,
        )
        return True

    @admin.action(description=_("Send the invitation again"), permissions=["add"])
    def send_again(self, request, queryset):
        sent = 0
        for invitation in queryset.select_related("user"):
            try:
                invitation_send(invitation=invitation, absolute=request.build_absolute_uri)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            except (SMTPException, OSError) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
