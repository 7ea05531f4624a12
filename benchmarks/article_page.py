"""Article page throughput against the framework's floor, under the same gunicorn, same run.

    .venv/bin/python benchmarks/article_page.py [--seconds 10]

Serves a fresh demo newsroom (SQLite) with gunicorn, 2 workers, on 127.0.0.1, then measures
requests/s for the demo wire article and for a trivial Django view returning a page of the same
size, and prints both and their ratio (1.0 would be "as fast as Django can say hello"). The
article is measured twice: as anonymous readers get it (from the page cache) and rendered for
every request, as a signed-in reader gets it (a session cookie bypasses the cache).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import demo_site, fetch, requests_per_second

WIRE_ARTICLE = "/business/european-coastal-states-agree-three-year-deal-on-inshore-fishing-quotas/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement")
    args = parser.parse_args()

    with demo_site(workers=2) as site:
        article = (
            site.url
            + "/business/european-coastal-states-agree-three-year-deal-on-inshore-fishing-quotas/"
        )
        size = len(fetch(article))
        reference = f"{site.url}/__reference__/{size}"
        assert len(fetch(reference)) == size
        for url in (article, reference):  # warm up: renditions, caches, imports
            requests_per_second(url, seconds=2)
        page_rps = requests_per_second(article, seconds=args.seconds)
        floor_rps = requests_per_second(reference, seconds=args.seconds)
        # A session cookie the site does not know: rendered in full, as for a signed-in reader.
        fresh_rps = requests_per_second(article, seconds=args.seconds, cookie="sessionid=bench")

    print(f"page size:                          {size} bytes")
    print(f"trivial view, same size:            {floor_rps:9.1f} requests/s")
    print(f"article, anonymous (page cache):    {page_rps:9.1f} requests/s")
    print(f"article, rendered every time:       {fresh_rps:9.1f} requests/s")
    print(f"ratio anonymous/reference:          {page_rps / floor_rps:9.3f}")
    print(f"ratio rendered/reference:           {fresh_rps / floor_rps:9.3f}")


if __name__ == "__main__":
    main()
