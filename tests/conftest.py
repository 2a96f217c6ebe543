import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_and_clean_cache():
    # A request to /zh-hans/ would otherwise leak its language into the next test's reverse().
    translation.activate("en")
    yield
    translation.activate("en")
    cache.clear()


def _user_with_perms(django_user_model, username, *perms, is_staff=False):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=is_staff)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return django_user_model.objects.get(pk=user.pk)  # fresh: drops the permission cache


@pytest.fixture
def press_user(db, django_user_model):
    return _user_with_perms(django_user_model, "press", "events.view_embargoed_quote")


@pytest.fixture
def organizer(db, django_user_model):
    perms = [
        f"{app}.{action}_{model}"
        for app, models in {
            "events": ["forum", "session", "quote", "venue", "room", "paneltopic", "source",
                       "sessionparticipant", "forumorganization"],
            "speakers": ["speaker", "organization", "affiliation"],
        }.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]  # fmt: skip
    return _user_with_perms(django_user_model, "organizer", *perms, is_staff=True)
