"""/sitemap.xml: the CMS pages and the public app objects, in both languages."""

from cms.models import PageUrl
from cms.utils.i18n import get_public_languages
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.models import Site
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from events.sitemaps import SECTIONS


class PageSitemap(Sitemap):
    """Each public CMS page once, listed in every language with hreflang alternates.

    cms.sitemaps.CMSSitemap lists one entry per page and language without alternates;
    this reads the same PageUrl rows in one query and groups them by page.
    """

    i18n = True
    alternates = True

    def items(self):
        site = Site.objects.get_current()
        rows = (
            PageUrl.objects.get_for_site(site)
            .filter(
                language__in=get_public_languages(site_id=site.pk),
                path__isnull=False,
                page__login_required=False,
            )
            .select_related("page")
            .order_by("page__path", "language")
        )
        pages = {}
        for row in rows:
            pages.setdefault(row.page_id, {"home": row.page.is_home, "paths": {}})
            pages[row.page_id]["paths"][row.language] = row.path
        return list(pages.values())

    def location(self, page):
        paths = page["paths"]
        path = paths.get(get_language()) or next(iter(paths.values()))
        try:
            if page["home"]:
                return reverse("pages-root")
            return reverse("pages-details-by-slug", kwargs={"slug": path})
        except NoReverseMatch:
            return ""


SITEMAPS = {"pages": PageSitemap, **SECTIONS}
