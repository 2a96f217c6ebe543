import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
application = get_wsgi_application()

# Everything loaded at startup lives as long as the process: frozen, the garbage
# collector stops walking it, and a full collection no longer stalls a request.
gc.collect()
gc.freeze()
