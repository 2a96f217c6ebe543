from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from events.press import accounts
from events.public.views.search import search_page
from forum_site.sitemaps import SITEMAPS
from forum_site.views import favicon

# Language-neutral URLs (API, schema, sitemap, icon) go here, outside i18n_patterns.
urlpatterns = [
    path("api/", include("events.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", favicon),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include((accounts.urlpatterns, "accounts"))),
    path("search/", include(([path("", search_page, name="site-search")], "search"))),
    path("my-agenda/", include("events.public.my_agenda_urls")),
    path("", include("cms.urls")),
)

# A database that cannot be reached answers 503 with a page saying so (forum_site/views.py).
handler500 = "forum_site.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
