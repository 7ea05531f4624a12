"""A WSGI entry point that adds a trivial reference view beside the real site.

`/__reference__/<bytes>` returns a page of that many bytes straight from a Django view: the floor
the framework itself sets under the same server, against which benchmarks compare real pages.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
settings.ROOT_URLCONF = "benchmarks.reference_urls"
application = get_wsgi_application()
