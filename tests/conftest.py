import os

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

# Playwright's sync API runs an event loop; Django refuses database access inside one
# unless told that this test process knows what it is doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return transactional or bool({"live_server", "transactional_db"} & set(item.fixturenames))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that flush the database (live server, browser) last, as Django does.

    pytest-django sorts them last, but pytest then regroups tests by pytest-playwright's
    session-scoped browser parameter and puts them in the middle. Their flush re-creates
    permissions for models without migrations, which later tests then see.
    """
    items.sort(key=_flushes_the_database)


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
                       "sessionparticipant", "forumorganization", "embargoview"],
            "speakers": ["speaker", "organization", "affiliation"],
        }.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]  # fmt: skip
    return _user_with_perms(django_user_model, "organizer", *perms, is_staff=True)


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def page_queries(organizer_client):
    """Queries one GET of `url` costs from a cold cache (django cache + parler's).

    Two warm-up requests first: django CMS creates the user's CMS settings and URL
    revision on the first request and remembers them in the session on the second.
    """
    for _ in range(2):
        organizer_client.get(reverse("admin:index"))

    def measure(url):
        cache.clear()
        ContentType.objects.clear_cache()  # a per-process cache, warm after any earlier test
        with CaptureQueriesContext(connection) as queries:
            response = organizer_client.get(url)
        assert response.status_code == 200
        return len(queries)

    return measure


@pytest.fixture
def site_pages(db):
    """The starter CMS page tree with its apphooks mounted, as `make run` creates it."""
    from cms.utils.apphook_reload import reload_urlconf

    from events.management.commands.setup_pages import ensure_pages

    ensure_pages()
    reload_urlconf()
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's chromium, never a downloaded browser (see NOTES-ci.md).
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _browser_contexts_closed(request):
    """Fail a browser test that leaves a browser context open after its teardown.

    An open context keeps keep-alive connections to the session-wide live server, so
    the server's request threads outlive it: when the browser finally closes them, they
    close the in-memory SQLite connection the stopped server no longer shares
    (DatabaseError "can only be used in that same thread"). Open contexts with
    pytest-playwright's `new_context` (or `context`/`page`): it closes them per test.
    """
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    before = list(browser.contexts)
    yield
    left_open = [context for context in browser.contexts if context not in before]
    assert left_open == [], f"the test left {len(left_open)} browser context(s) open"
