"""The agenda embedded in a page of another site (another port), in a real browser."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.events.public_data import build_forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def host_page():
    """A server on another port that answers every GET with the page set in `pages`."""
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()
    thread.join()


def _page_with(iframe_src, script_src=""):
    script = f'<script src="{script_src}" async></script>' if script_src else ""
    return (
        "<!doctype html><html><head><title>Partner</title></head><body><h1>Partner site</h1>"
        f'<iframe src="{iframe_src}" data-forum-embed title="agenda" style="width:100%;border:0">'
        f"</iframe>{script}</body></html>"
    )


def test_another_site_embeds_the_agenda_and_sizes_it(
    new_context, live_server, host_page, site_pages
):
    origin, pages = host_page
    forum, sessions = build_forum(12)
    embed = f"{live_server.url}/zh-hans/forums/{forum.slug}/embed/?day=2023-07-06"
    pages["/"] = _page_with(embed, f"{live_server.url}/static/events/embed.js")
    page = new_context().new_page()
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).netloc))
    page.goto(origin + "/")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".session-title").first).to_have_text(str(sessions[0]))
    expect(frame.locator("html")).to_have_attribute("lang", "zh-hans")
    # embed.js sized the iframe to the agenda: taller than the 150 px browsers start with.
    page.wait_for_function("document.querySelector('iframe').offsetHeight > 600")
    hosts = set(requested)
    assert hosts == {urlsplit(origin).netloc, urlsplit(live_server.url).netloc}, hosts
    page.goto(embed)
    serious = [
        v["id"] for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert serious == []


def test_every_other_page_still_refuses_to_be_framed(
    new_context, live_server, host_page, site_pages
):
    origin, pages = host_page
    forum, _sessions = build_forum(2)
    pages["/"] = _page_with(live_server.url + forum.get_absolute_url())
    page = new_context().new_page()
    page.goto(origin + "/")
    page.wait_for_timeout(500)
    framed = page.frames[1]
    # Chromium shows its own error page in place of a frame the policy refuses.
    assert framed.url.startswith("chrome-error://") or not framed.content().count("agenda-item")
