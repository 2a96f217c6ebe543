"""Logging in on the site itself: Django's auth views with our templates.

Mounted under the language prefix (/en/accounts/login/) by forum_site/urls.py
as the `accounts` namespace. Press staff land in the press room after logging in.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import NoReverseMatch, path, reverse, reverse_lazy

TEMPLATES = "events/press/accounts/"


def press_room_url():
    try:
        return reverse("press:search")
    except NoReverseMatch:  # no CMS page carries the press apphook
        return "/"


class InvitedUsersResetForm(PasswordResetForm):
    """Also lets invited users who never set a password ask for a new link.

    Django skips users with unusable passwords (meant for external logins);
    here every account is local and an invitation's link may have expired.
    """

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.lower() == email.lower())

    def save(self, *, domain_override=None, request=None, **kwargs):
        # The link names the host the request came to, not the Sites framework's
        # "example.com" that a fresh install has.
        if request is not None and domain_override is None:
            domain_override = request.get_host()
        return super().save(domain_override=domain_override, request=request, **kwargs)


class LoginView(auth_views.LoginView):
    template_name = TEMPLATES + "login.html"

    def get_default_redirect_url(self):
        return press_room_url()


class LogoutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return press_room_url()


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=InvitedUsersResetForm,
            template_name=TEMPLATES + "password_reset_form.html",
            email_template_name=TEMPLATES + "password_reset_email.txt",
            subject_template_name=TEMPLATES + "password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=TEMPLATES + "password_reset_done.html"
        ),
        name="password-reset-done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=TEMPLATES + "password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=TEMPLATES + "password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
