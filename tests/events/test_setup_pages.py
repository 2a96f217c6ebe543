from io import StringIO

import pytest
from cms.models import CMSPlugin, Page, PageContent
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.urls import reverse

from events.management.commands.setup_pages import PAGES, ensure_pages

pytestmark = pytest.mark.django_db

SLUGS = {"forums", "speakers", "topics", "press", "about"}


def _contents():
    return PageContent.admin_manager.select_related("page")


def test_setup_pages_creates_tree_in_both_languages(site_pages):
    by_language = {
        language: {c.page.reverse_id: c for c in _contents().filter(language=language)}
        for language in ("en", "zh-hans")
    }
    assert (
        set(by_language["en"]) == set(by_language["zh-hans"]) == {spec.reverse_id for spec in PAGES}
    )
    for reverse_id in SLUGS:
        en, zh = by_language["en"][reverse_id], by_language["zh-hans"][reverse_id]
        assert en.page.get_slug("en") == zh.page.get_slug("zh-hans") == reverse_id
    assert by_language["zh-hans"]["speakers"].title == "演讲嘉宾"


def test_setup_pages_sets_home_and_apphooks(site_pages):
    assert Page.objects.get(is_home=True).reverse_id == "home"
    hooks = dict(Page.objects.values_list("reverse_id", "application_urls"))
    assert hooks["forums"] == "ForumsApphook"
    assert hooks["speakers"] == "SpeakersApphook"
    assert hooks["topics"] == "TopicsApphook"
    assert hooks["press"] == "PressApphook"


def _home_plugins(language):
    home = Page.objects.get(reverse_id="home")
    placeholder = home.get_placeholders(language, admin_manager=True).get(slot="content")
    return list(placeholder.get_plugins(language).values_list("plugin_type", flat=True))


def test_the_home_page_starts_with_an_intro_the_forums_and_the_latest_quotes(site_pages):
    for language in ("en", "zh-hans"):
        assert _home_plugins(language) == ["TextPlugin", "ForumListPlugin", "LatestQuotesPlugin"]


def test_setup_pages_is_idempotent(site_pages):
    before = (Page.objects.count(), _contents().count(), CMSPlugin.objects.count())
    assert ensure_pages() == []
    call_command("setup_pages", verbosity=0)
    assert (Page.objects.count(), _contents().count(), CMSPlugin.objects.count()) == before


def test_setup_pages_adds_a_missing_language_without_touching_others(site_pages):
    about = Page.objects.get(reverse_id="about")
    _contents().filter(page=about, language="zh-hans").delete()
    _contents().filter(page=about, language="en").update(title="About us")
    ensure_pages()
    titles = dict(_contents().filter(page=about).values_list("language", "title"))
    assert titles == {"en": "About us", "zh-hans": "关于"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_starter_pages_answer_in_both_languages(client, site_pages, language):
    for slug in ["", *sorted(SLUGS)]:
        path = f"/{language}/{slug}/" if slug else f"/{language}/"
        assert client.get(path).status_code == 200, path


def test_press_page_is_the_press_room(client, site_pages):
    response = client.get("/zh-hans/press/")
    assert "<h1>媒体中心</h1>" in response.content.decode()


def test_setup_pages_attaches_the_press_room_to_an_existing_press_page(site_pages):
    Page.objects.filter(reverse_id="press").update(application_urls="", application_namespace="")
    ensure_pages()
    ensure_pages()
    press = Page.objects.get(reverse_id="press")
    assert (press.application_urls, press.application_namespace) == ("PressApphook", "press")


def test_setup_pages_keeps_an_apphook_an_organizer_chose(site_pages):
    Page.objects.filter(reverse_id="press").update(application_urls="TopicsApphook")
    ensure_pages()
    assert Page.objects.get(reverse_id="press").application_urls == "TopicsApphook"


def test_apphooks_mount_the_url_names(site_pages):
    assert reverse("events:forum-list") == "/en/forums/"
    assert reverse("speakers:speaker-list") == "/en/speakers/"
    assert reverse("topics:topic-detail", kwargs={"slug": "exports"}) == "/en/topics/exports/"


@pytest.mark.parametrize("path", ["/press/", "/forums/", "/speakers/"])
def test_bare_urls_redirect_to_the_language_prefixed_page(client, site_pages, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en{path}"


def test_bare_url_redirect_follows_accept_language(client, site_pages):
    response = client.get("/press/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/zh-hans/press/"


def test_setup_pages_gives_the_site_the_host_of_site_url(settings, client):
    settings.SITE_URL = "https://forum.example.org"
    call_command("setup_pages", stdout=StringIO())
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("forum.example.org", "forum.example.org")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "://forum.example.org/en/" in sitemap
    assert "example.com" not in sitemap


def test_setup_pages_leaves_the_site_alone_without_site_url(settings):
    settings.SITE_URL = ""
    before = Site.objects.get_current().domain
    call_command("setup_pages", stdout=StringIO())
    assert Site.objects.get_current().domain == before
