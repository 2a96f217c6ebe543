"""Query counting for the public pages, as the developers' guide asks.

Each measured request starts from a cleared cache (Django's, which holds the CMS and parler
caches), so the count includes the CMS's own queries for menus, pages and placeholders.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def warm_up(client, path):
    # After the apphook URLs are rebuilt, the first two requests fill per-process caches
    # (site, content types, the CMS's apphook resolvers: 14, 12, then 10 queries for the
    # forum list). A running site pays that once; measuring after it compares like with like.
    for _ in range(2):
        client.get(path)
