"""forum_site.cache against a real Redis, started here, then stopped by its pid."""

import shutil

import pytest
from django.core.cache import cache

from bench import loopback
from forum_site.cache import ResilientRedisCache
from tests.deploy import require

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_url(tmp_path):
    require([] if shutil.which("redis-server") else ["redis-server"])
    processes = loopback.Processes(tmp_path)
    try:
        url = loopback.start_redis(processes, loopback.free_port())
        yield url, processes
    finally:
        processes.close()


def _cache(url):
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})


def test_reads_and_writes_go_to_redis_while_it_runs(redis_url):
    url, _processes = redis_url
    shared = _cache(url)
    shared.set("greeting", "你好")
    assert _cache(url).get("greeting") == "你好"


def test_a_stopped_redis_reads_as_an_empty_cache(redis_url):
    url, processes = redis_url
    shared = _cache(url)
    shared.set("greeting", "hello")
    processes.stop("redis")
    assert shared.get("greeting", "missing") == "missing"
    assert shared.get_many(["greeting"]) == {}
    assert shared.add("other", 1) is False
    shared.set("greeting", "ignored")  # dropped, no error
    assert shared.set_many({"a": 1}) == ["a"]
    with pytest.raises(ValueError):
        shared.incr("counter")


def test_pages_answer_uncached_while_redis_is_stopped(redis_url, settings, client, site_pages):
    from tests.factories import ForumFactory

    url, processes = redis_url
    settings.CACHES = {"default": {"BACKEND": "forum_site.cache.ResilientRedisCache",
                                   "LOCATION": url}}  # fmt: skip
    settings.PUBLIC_CACHE_SECONDS = 3600
    forum = ForumFactory(name="China Auto Forum")
    processes.stop("redis")
    for _ in range(2):
        response = client.get(forum.get_absolute_url())
        assert response.status_code == 200
        assert "China Auto Forum" in response.content.decode()
    assert cache.get("anything", "miss") == "miss"
