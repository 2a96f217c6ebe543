"""Two app servers behind nginx, sharing PostgreSQL, Redis and an S3 bucket, on 127.0.0.1.

Everything runs as deploy/ and docs/deploy.md say: gunicorn with DEBUG off and the
production settings (forum_site.settings, not the test settings), nginx with the shipped
site. The app servers send `max-age=2` so that nginx really keeps pages: an edit shows at
once on both app servers and through nginx once that page's 2 seconds are over.
"""

import concurrent.futures
import io
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests
from PIL import Image

from bench import loopback
from tests.admin_form import form_data
from tests.deploy import require

pytestmark = pytest.mark.deploy

FORUM = "/en/forums/china-auto-forum-2023/"
BUCKET = loopback.BUCKET
MAX_AGE = 2


@pytest.fixture(scope="module")
def site():
    require(loopback.missing_binaries())
    directory = tempfile.mkdtemp(prefix="forum-site-deploy-")
    Path(directory).chmod(0o755)  # PostgreSQL runs as its own user
    processes = loopback.Processes(directory)
    try:
        yield _start(processes, Path(directory))
    finally:
        processes.close()
        shutil.rmtree(directory, ignore_errors=True)


def _start(processes, directory):
    return loopback.start_site(processes, s3=True, max_age=MAX_AGE)


def _organizer(base, password):
    return loopback.admin_session(base, password)


def _submit(browser, url, files=None, **changes):
    """The admin form at `url` submitted as shown, with `changes`; must redirect (saved)."""
    data = form_data(browser.get(url, timeout=30).text)
    data.update({name: [value] for name, value in changes.items()})
    data["_save"] = ["Save"]
    answer = browser.post(url, data=data, files=files, allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:3000]


def _anonymous(url):
    answer = requests.get(url, timeout=30)
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:500])
    return answer


def _query(site, sql, *params):
    import psycopg2

    with psycopg2.connect(site["database"]) as db, db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_an_edit_through_one_server_shows_through_the_other_and_nginx(site):
    pk, slug = _query(
        site,
        "SELECT s.id, s.slug FROM events_session s JOIN events_forum f ON f.id = s.forum_id"
        " WHERE f.slug = %s AND s.status = 'published' ORDER BY s.starts_at, s.id LIMIT 1",
        "china-auto-forum-2023",
    )
    path = f"{FORUM}{slug}/"
    # The first answer is made afresh and sets the CMS's language cookie: nginx keeps the
    # second, from the app's cache, which sets none.
    statuses = [_anonymous(site["nginx"] + path).headers["X-Cache-Status"] for _ in range(3)]
    assert statuses == ["MISS", "MISS", "HIT"]  # nginx keeps the page max-age long
    again = _anonymous(site["nginx"] + path)
    assert again.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    before_b = _anonymous(site["b"] + path)
    assert "Retitled through server A" not in before_b.text

    organizer = _organizer(site["a"], site["password"])
    _submit(
        organizer,
        f"{site['a']}/en/admin/events/session/{pk}/change/",
        title="Retitled through server A",
    )
    edited_at = time.monotonic()

    # Server B, at once: the generations are in the Redis both servers share.
    after_b = _anonymous(site["b"] + path)
    assert "Retitled through server A" in after_b.text
    assert after_b.headers["ETag"] != before_b.headers["ETag"]
    # nginx keeps its copy for what was left of max-age, then asks again with the ETag.
    time.sleep(max(0.0, MAX_AGE + 0.5 - (time.monotonic() - edited_at)))
    through_nginx = _anonymous(site["nginx"] + path)
    assert "Retitled through server A" in through_nginx.text
    assert through_nginx.headers["X-Cache-Status"] in {"EXPIRED", "MISS"}
    assert "Retitled through server A" in _anonymous(site["nginx"] + FORUM).text


def test_a_photo_uploaded_through_one_server_is_served_from_s3_to_the_other(site):
    pk, slug = _query(
        site, "SELECT id, slug FROM speakers_speaker WHERE is_published ORDER BY id LIMIT 1"
    )
    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(picture, "JPEG")
    photo = picture.getvalue()
    organizer = _organizer(site["a"], site["password"])
    _submit(
        organizer,
        f"{site['a']}/en/admin/speakers/speaker/{pk}/change/",
        files={"photo": ("portrait.jpg", photo, "image/jpeg")},
    )

    page = _anonymous(f"{site['b']}/en/speakers/{slug}/").text
    source = re.search(r'class="portrait" src="([^"]+)"', page).group(1)
    assert source.startswith(f"{site['s3']}/{BUCKET}/speakers/"), source
    served = requests.get(source, timeout=30)
    assert served.status_code == 200
    # Stored re-encoded (common/images.py): the same picture, not the same bytes.
    stored = Image.open(io.BytesIO(served.content))
    assert (stored.format, stored.size) == ("JPEG", (64, 64))
    pixel = zip(stored.getpixel((32, 32)), (200, 30, 30), strict=True)
    assert max(abs(a - b) for a, b in pixel) < 8
    listed = loopback.s3_client(site["s3"]).list_objects_v2(Bucket=BUCKET)["Contents"]
    assert source.split(f"/{BUCKET}/", 1)[1] in [item["Key"] for item in listed]
    # Nothing landed on either app server's own disk.
    for server in ("a", "b"):
        media = site["directory"] / server / "media"
        assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_static_file_comes_back_hashed_and_immutable(site):
    html = _anonymous(site["nginx"] + FORUM).text
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    first = _anonymous(site["nginx"] + stylesheet)
    assert "immutable" in first.headers["Cache-Control"]
    assert "max-age=315360000" in first.headers["Cache-Control"]
    assert _anonymous(site["nginx"] + stylesheet).headers["X-Cache-Status"] == "HIT"
    assert _anonymous(site["b"] + stylesheet).content == first.content


def test_stopping_a_server_during_a_stream_of_requests_fails_none(site):
    # Last: it stops server A. Every URL is new, so each request reaches an app server.
    urls = [f"{site['nginx']}{FORUM}?request={n}" for n in range(120)]
    stopped = threading.Event()

    def fetch(url):
        if url.endswith("=30"):
            threading.Thread(target=_stop_a, args=(site, stopped)).start()
        return requests.get(url, timeout=60).status_code

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(fetch, urls))
    assert stopped.wait(60), "server A did not stop"
    assert statuses == [200] * len(urls), [s for s in statuses if s != 200]
    served = {name: _stream_requests_in_log(site, name) for name in ("a", "b")}
    assert 0 < served["a"] < served["b"], served  # A had its share until it stopped
    assert served["a"] + served["b"] == len(urls), served


def _stream_requests_in_log(site, name):
    return site["processes"].log(name).count(f"GET {FORUM}?request=")


def _stop_a(site, stopped):
    site["processes"].stop("a")  # SIGTERM, as systemctl stop does
    stopped.set()
