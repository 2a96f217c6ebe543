import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from events.models import AgendaStar, PersonalAgenda, Quote, WebhookAnnouncement
from events.roles import EDITORS, ORGANIZERS, PRESS, roles_setup
from tests.factories import ForumFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
AGENDA_MODELS = {
    "events": ["venue", "room", "forum", "forumorganization", "paneltopic", "session",
               "sessionparticipant", "source", "quote", "pressinvitation"],
    "speakers": ["organization", "speaker", "affiliation"],
}  # fmt: skip
# Records the site writes itself: organizers read them, and no more than roles.py says.
ORGANIZER_RECORDS = {
    "events.view_embargoview",
    "events.view_quotecorrection",
    "events.view_webhookevent", "events.change_webhookevent", "events.delete_webhookevent",
    "events.view_webhookdelivery", "events.delete_webhookdelivery",
}  # fmt: skip
# Visitors' starred sessions and feed tokens, and the outbox's memory: nothing at all.
ORGANIZER_NONE = ["personalagenda", "agendastar", "webhookannouncement"]
# Settings of the plugins in events/cms_plugins.py: organizers (all of `events`) and editors.
PLUGIN_MODELS = {
    "events": ["upcomingsessionspluginconfig", "featuredquotepluginconfig",
               "forumagendapluginconfig", "speakergridpluginconfig", "topicsessionspluginconfig",
               "forumlistpluginconfig", "latestquotespluginconfig"],
}  # fmt: skip
EDITOR_MODELS = {
    "cms": ["cmsplugin", "aliaspluginmodel", "placeholderreference"],
    "djangocms_text": ["text"],
    "djangocms_link": ["link"],
    "djangocms_frontend": ["frontenduiitem", "slotmodel"],
    "grid": ["gridcontainer", "gridrow", "gridcolumn"],
    "image": ["image"],
    "link": ["link"],
    "filer": ["folder", "file", "image", "clipboard", "clipboarditem"],
}
EDITOR_EXTRA = {
    "cms.add_page", "cms.change_page", "cms.delete_page", "cms.view_page", "cms.publish_page",
    "cms.edit_static_placeholder", "cms.use_structure", "filer.can_use_directory_listing",
}  # fmt: skip


def _crud(models_by_app):
    return {
        f"{app}.{action}_{model}"
        for app, models in models_by_app.items()
        for model in models
        for action in CRUD
    }


def _perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def _snapshot():
    return {name: _perms(name) for name in (ORGANIZERS, PRESS, EDITORS)}


def test_organizers_hold_all_agenda_content_and_embargoed_quotes():
    roles_setup()
    api_tokens = _crud({"authtoken": ["tokenproxy"]})
    # To unlock a login locked out by django-axes: see the attempts, delete one.
    login_attempts = {"axes.view_accessattempt", "axes.delete_accessattempt"}
    # Organizers register their forums' webhooks (events/webhooks/).
    endpoints = _crud({"events": ["webhookendpoint"]})
    assert _perms(ORGANIZERS) == (
        _crud(AGENDA_MODELS)
        | {"events.view_embargoed_quote"}
        | api_tokens
        | ORGANIZER_RECORDS
        | _crud(PLUGIN_MODELS)
        | login_attempts
        | endpoints
    )


def test_organizers_hold_nothing_of_visitors_agendas_or_the_outbox_memory():
    roles_setup()
    held = Group.objects.get(name=ORGANIZERS).permissions.filter(
        content_type__app_label="events", content_type__model__in=ORGANIZER_NONE
    )
    assert list(held) == []


def test_organizers_may_not_write_the_logs_that_audit_them():
    roles_setup()
    held = _perms(ORGANIZERS)
    for model in ("embargoview", "quotecorrection", "webhookevent", "webhookdelivery"):
        assert f"events.view_{model}" in held
        assert f"events.add_{model}" not in held
    assert "events.change_embargoview" not in held
    assert "events.delete_embargoview" not in held
    assert "events.change_webhookdelivery" not in held


def test_setup_roles_takes_back_permissions_organizers_held_before(capsys):
    roles_setup()
    organizers = Group.objects.get(name=ORGANIZERS)
    earlier = [("view", "personalagenda"), ("change", "agendastar"), ("change", "embargoview"),
               ("add", "webhookdelivery")]  # fmt: skip
    organizers.permissions.add(
        *(
            Permission.objects.get(content_type__app_label="events", codename=f"{a}_{m}")
            for a, m in earlier
        )
    )
    capsys.readouterr()

    call_command("setup_roles")

    held = _perms(ORGANIZERS)
    assert [f"{a}_{m}" for a, m in earlier if f"events.{a}_{m}" in held] == []
    assert "events.view_embargoview" in held
    assert capsys.readouterr().out.splitlines()[0] == (
        "Organizers: updated: 0 permissions added, 4 removed"
    )


def test_press_hold_only_the_embargo_permission():
    roles_setup()
    assert _perms(PRESS) == {"events.view_embargoed_quote"}


def test_editors_hold_cms_pages_and_filer_and_nothing_of_the_agenda():
    roles_setup()
    assert _perms(EDITORS) == _crud(EDITOR_MODELS) | EDITOR_EXTRA | _crud(PLUGIN_MODELS)


def test_running_twice_changes_nothing(capsys):
    call_command("setup_roles")
    first = _snapshot()
    call_command("setup_roles")
    assert _snapshot() == first
    assert Group.objects.count() == 3
    assert capsys.readouterr().out.splitlines()[-3:] == [
        "Organizers: unchanged",
        "Press: unchanged",
        "Editors: unchanged",
    ]


def test_permissions_changed_by_hand_are_put_right():
    roles_setup()
    press = Group.objects.get(name=PRESS)
    press.permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="change_quote")
    )
    organizers = Group.objects.get(name=ORGANIZERS)
    organizers.permissions.remove(
        Permission.objects.get(content_type__app_label="events", codename="delete_session")
    )

    report = roles_setup()

    assert _perms(PRESS) == {"events.view_embargoed_quote"}
    assert "events.delete_session" in _perms(ORGANIZERS)
    assert report[PRESS] == (False, 0, 1)
    assert report[ORGANIZERS] == (False, 1, 0)


def test_organizer_in_group_gets_agenda_permissions(django_user_model):
    roles_setup()
    user = django_user_model.objects.create_user("org", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    user = django_user_model.objects.get(pk=user.pk)
    assert user.has_perm("events.change_session")
    assert user.has_perm("speakers.delete_speaker")
    assert not user.has_perm("cms.change_page")


@pytest.fixture
def press_member(client, django_user_model):
    roles_setup()
    user = django_user_model.objects.create_user("reporter", password="pw")
    user.groups.add(Group.objects.get(name=PRESS))
    client.force_login(user)
    return user


def test_press_user_is_sent_to_the_admin_login(client, press_member):
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


def test_press_user_cannot_add_through_the_admin(client, press_member):
    forum = ForumFactory()
    speaker = SpeakerFactory()
    data = {
        "text": "Sneaked in",
        "speaker": speaker.pk,
        "forum": forum.pk,
        "said_on": "2023-07-06",
        "kind": "direct",
        "language": "en",
        "status": "verified",
    }
    response = client.post("/en/admin/events/quote/add/", data)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")
    assert Quote.objects.count() == 0


@pytest.fixture
def organizer_client(client, django_user_model):
    """Staff, in Organizers as setup_roles makes it, not a superuser."""
    roles_setup()
    user = django_user_model.objects.create_user("organizer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [PersonalAgenda, AgendaStar, WebhookAnnouncement])
def test_organizer_cannot_open_in_the_admin_what_they_hold_nothing_of(organizer_client, model):
    # 404 while no admin page exists; one added later must refuse organizers all the same.
    expected = 403 if admin.site.is_registered(model) else 404
    response = organizer_client.get(f"/en/admin/events/{model._meta.model_name}/")
    assert response.status_code == expected


def test_organizer_reads_the_embargo_log_but_cannot_add_to_it(organizer_client):
    assert organizer_client.get("/en/admin/events/embargoview/").status_code == 200
    assert organizer_client.get("/en/admin/events/embargoview/add/").status_code == 403
