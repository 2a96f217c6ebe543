"""Create the starter CMS page tree once; later runs only fill in what is missing.

Organizers own the pages after that: a page that exists (found by its reverse_id)
is never renamed, moved or overwritten.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from cms.api import add_plugin, create_page, create_page_content
from cms.models import Page
from cms.utils.apphook_reload import mark_urlconf_as_changed
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand
from django.db import transaction
from menus.menu_pool import menu_pool

TEMPLATE = "page.html"


@dataclass(frozen=True)
class PageSpec:
    reverse_id: str
    slug: str
    titles: dict  # language -> title
    intros: dict  # language -> starter text for the page's "content" placeholder
    apphook: str = ""
    namespace: str = ""
    plugins: tuple = ()  # (plugin type, its settings) placed after the intro


PAGES = [
    PageSpec(
        "home",
        "home",
        {"en": "Home", "zh-hans": "首页"},
        {
            "en": "<p>Agendas, speakers and what they said at our industry forums.</p>",
            "zh-hans": "<p>行业论坛的议程、演讲嘉宾及其观点。</p>",
        },
        # Both show every visitor the same, so the home page stays cached (cms_plugins.py).
        plugins=(("ForumListPlugin", {"count": 4}), ("LatestQuotesPlugin", {"count": 3})),
    ),
    PageSpec(
        "forums",
        "forums",
        {"en": "Forums", "zh-hans": "论坛"},
        {"en": "", "zh-hans": ""},
        "ForumsApphook",
        "events",
    ),
    PageSpec(
        "speakers",
        "speakers",
        {"en": "Speakers", "zh-hans": "演讲嘉宾"},
        {"en": "", "zh-hans": ""},
        "SpeakersApphook",
        "speakers",
    ),
    PageSpec(
        "topics",
        "topics",
        {"en": "Topics", "zh-hans": "议题"},
        {"en": "", "zh-hans": ""},
        "TopicsApphook",
        "topics",
    ),
    PageSpec(
        "press",
        "press",
        {"en": "Press", "zh-hans": "媒体"},
        {"en": "", "zh-hans": ""},
        "PressApphook",
        "press",
    ),
    PageSpec(
        "about",
        "about",
        {"en": "About", "zh-hans": "关于"},
        {
            "en": "<p>This site publishes the agendas of industry forums and conferences.</p>",
            "zh-hans": "<p>本网站发布行业论坛和会议的议程。</p>",
        },
    ),
]


def _fill(page, spec, language):
    """The starter content of the page's "content" placeholder in `language`."""
    placeholder = page.get_placeholders(language, admin_manager=True).get(slot="content")
    if spec.intros[language]:
        add_plugin(placeholder, "TextPlugin", language, body=spec.intros[language])
    for plugin_type, fields in spec.plugins:
        add_plugin(placeholder, plugin_type, language, **fields)


def _create(spec, site):
    first, *others = list(spec.titles)
    page = create_page(
        spec.titles[first],
        TEMPLATE,
        first,
        slug=spec.slug,
        reverse_id=spec.reverse_id,
        in_navigation=True,
        apphook=spec.apphook or None,
        apphook_namespace=spec.namespace or None,
        site=site,
    )
    _fill(page, spec, first)
    for language in others:
        _add_language(page, spec, language)
    return page


def _add_language(page, spec, language):
    # A URL left behind by a deleted translation would block the slug.
    page.urls.filter(language=language).delete()
    # An explicit slug: without one a second language gets slugs like "-copy-2".
    create_page_content(language, spec.titles[language], page, slug=spec.slug, in_navigation=True)
    _fill(page, spec, language)


def _attach_apphook(page, spec):
    """Give an existing page the apphook it lacks (sites set up before the press room).

    A page whose apphook an organizer changed is left alone.
    """
    if spec.apphook and not page.application_urls:
        page.application_urls = spec.apphook
        page.application_namespace = spec.namespace
        page.save()


def name_site(site=None):
    """Give the Sites framework the host of DJANGO_SITE_URL; return it, or "" if unset.

    Feeds and sitemap.xml build their links from it, as Django's do; left at Django's
    `example.com`, a production site would publish links to somebody else's domain.
    """
    host = urlsplit(settings.SITE_URL).netloc
    if host:
        site = site or Site.objects.get_current()
        site.domain = site.name = host
        site.save(update_fields=["domain", "name"])
        Site.objects.clear_cache()
    return host


def ensure_pages(site=None):
    """Create missing pages and languages; return the reverse_ids of pages created."""
    site = site or Site.objects.get_current()
    created = []
    with transaction.atomic():
        for spec in PAGES:
            page = Page.objects.filter(site=site, reverse_id=spec.reverse_id).first()
            if page is None:
                page = _create(spec, site)
                created.append(spec.reverse_id)
            else:
                missing = set(spec.titles) - set(page.get_languages())
                for language in sorted(missing):
                    _add_language(page, spec, language)
                _attach_apphook(page, spec)
        if not Page.objects.filter(site=site, is_home=True).exists():
            Page.objects.get(site=site, reverse_id="home").set_as_homepage()
    # Apphook URLs and the menu are cached; running sites rebuild them on the next request.
    mark_urlconf_as_changed()
    menu_pool.clear(all=True)
    return created


class Command(BaseCommand):
    help = (
        "Create the starter page tree (Home, Forums, Speakers, Topics, Press, About) and "
        "give the Sites framework the host of DJANGO_SITE_URL."
    )

    def handle(self, *args, **options):
        host = name_site()
        if host:
            self.stdout.write(f"Site domain: {host}")
        created = ensure_pages()
        if created:
            self.stdout.write(f"Created pages: {', '.join(created)}")
        else:
            self.stdout.write("Pages already exist; nothing to do.")
