import gc
import importlib

import forum_site.wsgi


def test_the_server_process_freezes_what_it_loaded_at_startup():
    gc.unfreeze()
    try:
        importlib.reload(forum_site.wsgi)
        # Django and the apps: far more than anything a request leaves behind.
        assert gc.get_freeze_count() > 50_000
    finally:
        gc.unfreeze()
