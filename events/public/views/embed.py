"""The embeddable agenda: /<lang>/forums/<slug>/embed/?day=&room=&kind=&topic=.

The one page other sites may frame (every other page sends frame-ancestors 'none' and
X-Frame-Options DENY). It holds the agenda and our own stylesheet, nothing from a third
party, and tells the framing page its height (events/static/events/embed-frame.js) so
that events/static/events/embed.js, in the snippet, can size the iframe to fit.
"""

from csp.decorators import csp_replace
from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.translation import override
from django.views.decorators.clickjacking import xframe_options_exempt

from events.models import Forum
from events.public.filters import AgendaFilter
from events.public.rows import agenda_rows
from events.public.views.common import first_or_404, group_by_day, prepare_rows, zone_label


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def forum_embed(request, slug):
    forum = first_or_404(Forum.objects.for_embedded_agenda(request.user), slug=slug)
    sessions = prepare_rows(agenda_rows(forum, request.user), forum)
    agenda_filter = AgendaFilter(request.GET, sessions)
    context = {
        "forum": forum,
        "days": group_by_day(agenda_filter.apply(sessions)),
        "zone_label": zone_label(forum),
        "agenda_url": request.build_absolute_uri(forum.get_absolute_url()),
    }
    return render(request, "events/embed.html", context)


def snippets(request, forum):
    """[(language name, HTML to paste)] for each language: the iframe and its sizer.

    Filters go in the iframe's address: ?day=2023-07-06&room=<id>&kind=keynote&topic=<slug>.
    """
    script = request.build_absolute_uri(static("events/embed.js"))
    found = []
    for code, name in settings.LANGUAGES:
        with override(code):
            try:
                path = reverse("events:forum-embed", kwargs={"slug": forum.slug})
            except NoReverseMatch:  # no CMS page shows the forums yet
                return []
        url = request.build_absolute_uri(path)
        found.append(
            (
                name,
                f'<iframe src="{escape(url)}" title="{escape(forum)}" data-forum-embed '
                f'loading="lazy" style="width:100%;min-height:480px;border:0"></iframe>\n'
                f'<script src="{escape(script)}" async></script>',
            )
        )
    return found
