"""Comments: Masthead against Isso on this machine, same run: reading, posting, a write burst.

    .venv/bin/python benchmarks/comments.py [--seconds 5] [--posts 200] [--burst-seconds 20]
        [--workers 2] [--no-isso]

Both systems run side by side on 127.0.0.1, each under gunicorn with 2 (sync) workers on SQLite:

- Masthead: the demo newsroom (benchmarks.common.demo_site). For the benchmark its community
  settings switch off the per-reader and per-address rate limits and the hold on a reader's first
  comments, so the figures measure the system, not the throttle; every other screening rule (word
  lists, links, the toxicity scorer, repeats) runs as usual. Readers are verified accounts: one
  signs in through the login form with a known password, 32 more get sessions made in the shell.
- Isso (the latest from PyPI, in its own virtualenv under a temp dir, run with gunicorn --preload
  as its deployment docs say): moderation off, its guard (rate limits) off, database in the temp
  dir.

Each system gets threads of 200 and of 2,000 comments, the same text in both (about a quarter
replies): Masthead's on articles of their own through the ORM, its counters kept right; Isso's
straight into its SQLite schema. Then, per thread size:

- read, anonymous: Masthead's article page (served from the page cache), Masthead's thread partial
  (htmx, with a session cookie, so rendered every time), Isso's GET /?uri= (the whole thread, as
  its embed asks for it by default) and Isso's first page (limit=20&nested_limit=3, as many
  comments as Masthead's first page), each for --seconds: with wrk, 8 connections, or, for an
  endpoint slower than 0.1 s a request, in a closed loop with 2 connections (wrk would drop the
  requests in flight at the end and leave them queued on the server);
- post, one client: --posts comments one after another (Masthead: the compose form with session
  cookie and CSRF token, redirects not followed; Isso: POST /new), after a few warm-up posts that
  load Masthead's toxicity model in each worker;
- post, 8 clients at once, --posts in all (Masthead: 8 different readers).

Last, a burst on Masthead only: 32 verified readers, each with its own session, post to one
article for --burst-seconds; every acknowledged comment (302 to its permalink) is looked up in the
database afterwards, the counters are checked, and the server log and every error body are
searched for "database is locked". The run prints each figure, the Masthead/Isso ratio and a table
at the end. The two systems are measured one after the other on a shared machine: the load
average is printed, and ratios travel better than absolute numbers.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    Site,
    closed_loop_rps,
    demo_site,
    free_port,
    http_request,
    manage_shell,
    requests_per_second,
    stop,
    tail,
    wait_until_up,
)

SIZES = (200, 2000)
CONCURRENT_CLIENTS = 8
BURST_WRITERS = 32
SLOW_REQUEST = 0.1  # seconds: slower endpoints are read in a closed loop, not with wrk
POST_TIME_CAP = 90.0  # seconds: no posting run goes on longer, whatever --posts says
READER_PASSWORD = "benchmark reader passphrase 2026"  # noqa: S105 - a throwaway local site
LOCKED = b"database is locked"
PERMALINK = re.compile(r"/community/comments/(\d+)/")
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

# Civil words only: the toxicity scorer runs on every posted comment and must let them through.
SUBJECTS = [
    "The council",
    "The harbour board",
    "Our library",
    "The new bus timetable",
    "The flood defence plan",
    "This consultation",
    "The school governors",
    "The budget committee",
]
VERBS = ["should publish", "needs to explain", "has not costed", "could rethink", "must consult on"]
OBJECTS = [
    "the full figures",
    "the evening services",
    "the parking changes",
    "the repairs to the quay",
    "the opening hours",
    "the cycle lane on Northgate Road",
    "the cost of the contract",
]
ENDINGS = [
    "before the vote.",
    "with residents first.",
    "as it promised last spring.",
    "so everyone can see them.",
    "and answer the questions raised here.",
]


def comment_text(rng: random.Random, tag: str) -> str:
    sentences = [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
        for _ in range(rng.randint(1, 4))
    ]
    return " ".join(sentences) + f" ({tag})"


def thread_plan(size: int, seed: int) -> list[dict[str, object]]:
    """The same thread for both systems, oldest first: about a quarter of the comments are replies,
    a third of those replies to replies (Masthead nests three levels, Isso two)."""
    rng = random.Random(seed)
    plan: list[dict[str, object]] = []
    tops: list[int] = []
    firsts: list[int] = []
    for i in range(size):
        parent: int | None = None
        depth = 0
        if i >= 4 and i % 4 == 3:
            if firsts and rng.random() < 1 / 3:
                parent = rng.choice(firsts[-50:])
                depth = 2
            else:
                parent = rng.choice(tops[-50:])
                depth = 1
        plan.append(
            {"text": comment_text(rng, f"seed {seed}, #{i}"), "parent": parent, "depth": depth}
        )
        (tops if depth == 0 else firsts if depth == 1 else []).append(i)
    return plan


# --- Masthead ----------------------------------------------------------------------------------

SETUP = r"""
import datetime as dt, json, os
from collections import Counter
from importlib import import_module
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site
from masthead.accounts.models import User
from masthead.community.actions import thread_for
from masthead.community.markup import render_comment
from masthead.community.models import Comment, CommunitySettings, Thread
from masthead.lib import pagecache
from masthead.lib.testing import make_article
from masthead.news.models import SectionPage

params = json.loads(open(os.environ["BENCH_PARAMS"]).read())
now = timezone.now()

community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
community.hold_first_comments = 0
community.seconds_between_comments = 0
community.seconds_between_comments_new_reader = 0
community.comments_per_hour_per_ip = 0
community.save()

password = make_password(params["password"])  # hashed once, shared by every benchmark reader
readers = []
for n, name in enumerate([params["reader"], *params["writers"]]):
    user = User.objects.create(
        username=name, email=f"{name}@example.org", display_name=f"Bench reader {n}",
        password=password, date_joined=now - dt.timedelta(days=30),
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    readers.append(user)

engine = import_module(settings.SESSION_ENGINE)
sessions = []
for user in readers[1:]:
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)

# Articles of their own, published as editors publish them (a Wagtail revision).
section = SectionPage.objects.live().order_by("path").first()
pages = [
    make_article(
        section, title=f"Benchmark thread {n}", slug=f"benchmark-thread-{n}",
        published_at=now - dt.timedelta(hours=1),
    )
    for n in range(len(params["plans"]) + 1)
]
articles = []
with transaction.atomic():
    for page, plan in zip(pages, [*params["plans"], []]):
        thread = thread_for(page)
        # Open for the whole run, whatever the demo's publication dates say.
        Thread.objects.filter(pk=thread.pk).update(closed=False, closes_at=None)
        start = now - dt.timedelta(seconds=10 * len(plan) + 3600)
        made = {}
        for depth in (0, 1, 2):
            batch = []
            for i, item in enumerate(plan):
                if item["depth"] != depth:
                    continue
                comment = Comment(
                    thread=thread, author=readers[i % len(readers)], body=item["text"],
                    html=render_comment(item["text"]), status=Comment.Status.PUBLISHED,
                    created_at=start + dt.timedelta(seconds=10 * i), depth=depth,
                )
                if item["parent"] is not None:
                    parent = made[item["parent"]]
                    comment.parent, comment.reply_to = parent, parent
                    comment.reply_to_name = parent.author.public_name
                    comment.root_id = parent.root_id or parent.pk
                batch.append((i, comment))
            Comment.objects.bulk_create([c for _, c in batch], batch_size=500)
            made.update(batch)
        replies = Counter(c.root_id for c in made.values() if c.root_id)
        for root_id, n in replies.items():
            Comment.objects.filter(pk=root_id).update(reply_count=n)
        Thread.objects.filter(pk=thread.pk).update(comment_count=len(plan))
        articles.append({"id": page.pk, "url": page.url, "size": len(plan)})
transaction.on_commit(pagecache.purge)
print("BENCH " + json.dumps({"articles": articles, "sessions": sessions}))
"""

VERIFY = r"""
import json, os
from django.db.models import Count, F, Q
from masthead.community.models import Comment, Thread
from masthead.moderation.models import Decision

params = json.loads(open(os.environ["BENCH_PARAMS"]).read())
ids = params["ids"]
found = set()
for start in range(0, len(ids), 500):
    chunk = ids[start:start + 500]
    found |= set(Comment.objects.filter(pk__in=chunk).values_list("pk", flat=True))
published = Comment.objects.filter(pk__in=found, status=Comment.Status.PUBLISHED).count()
decisions = Decision.objects.filter(comment_id__in=found).values("comment_id").distinct().count()
burst = Thread.objects.get(page_id=params["burst_page"])
counters = []
for thread in Thread.objects.filter(page_id__in=params["pages"]):
    counted = Comment.objects.filter(thread=thread, status=Comment.Status.PUBLISHED).count()
    wrong_replies = (
        Comment.objects.filter(thread=thread, depth=0)
        .annotate(n=Count("descendants", filter=Q(descendants__status=Comment.Status.PUBLISHED)))
        .exclude(reply_count=F("n"))
        .count()
    )
    counters.append({
        "page": thread.page_id, "comment_count": thread.comment_count, "published": counted,
        "roots_with_wrong_reply_count": wrong_replies,
    })
print("BENCH " + json.dumps({
    "found": len(found),
    "missing": sorted(set(ids) - found)[:20],
    "published": published,
    "with_decision": decisions,
    "in_burst_thread": Comment.objects.filter(thread=burst).count(),
    "counters": counters,
}))
"""


def shell_json(site: Site, code: str, params: dict[str, object], scratch: Path) -> dict:
    path = scratch / "params.json"
    path.write_text(json.dumps(params))
    out = manage_shell({**site.env, "BENCH_PARAMS": str(path)}, code)
    line = next(line for line in reversed(out.splitlines()) if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


@dataclass
class Session:
    """A signed-in Masthead reader: session and CSRF cookies, and the form's token."""

    sessionid: str
    csrf_cookie: str = ""
    csrf_token: str = ""

    def cookie(self) -> str:
        return f"sessionid={self.sessionid}; csrftoken={self.csrf_cookie}"


def sign_in(site: Site, email: str, password: str) -> Session:
    """Through allauth's login form, as a reader would."""
    login = http_request("GET", f"{site.url}/accounts/login/")
    assert login.status == 200, login.status
    csrf = login.cookies()["csrftoken"]
    token = CSRF_FIELD.search(login.body)
    assert token, "no CSRF token on the login page"
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "login": email, "password": password}
    answer = http_request(
        "POST",
        f"{site.url}/accounts/login/",
        body=urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": site.url,
        },
    )
    sessionid = answer.cookies().get("sessionid")
    if answer.status != 302 or not sessionid:
        raise RuntimeError(f"sign-in failed: {answer.status} {answer.body[:300]!r}")
    return Session(sessionid)


def open_compose(site: Site, page_id: int, session: Session) -> Session:
    """Load the compose form once: it sets the CSRF cookie and carries the token."""
    answer = http_request(
        "GET",
        f"{site.url}/community/articles/{page_id}/comment/",
        headers={"Cookie": f"sessionid={session.sessionid}"},
    )
    token = CSRF_FIELD.search(answer.body)
    if answer.status != 200 or not token or b'name="body"' not in answer.body:
        raise RuntimeError(f"compose form not offered: {answer.status} {answer.body[:300]!r}")
    session.csrf_cookie = answer.cookies().get("csrftoken", session.csrf_cookie)
    session.csrf_token = token.group(1).decode()
    return session


@dataclass
class Outcome:
    ok: bool
    label: str  # "ok", an HTTP status, or an exception's name
    comment_id: int | None = None
    locked: bool = False


def masthead_poster(site: Site, page_id: int, sessions: list[Session]) -> Callable:
    url = f"{site.url}/community/articles/{page_id}/comment/"

    def post(client: int, text: str) -> Outcome:
        session = sessions[client]
        form = {"csrfmiddlewaretoken": session.csrf_token, "body": text}
        answer = http_request(
            "POST",
            url,
            body=urlencode(form).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": session.cookie(),
                "Origin": site.url,
            },
        )
        locked = LOCKED in answer.body
        found = PERMALINK.search(answer.headers.get("Location") or "")
        if answer.status == 302 and found:
            return Outcome(True, "ok", int(found.group(1)), locked)
        return Outcome(False, str(answer.status), None, locked)

    return post


# --- Isso --------------------------------------------------------------------------------------

ISSO_CONFIG = """\
[general]
dbpath = {db}
host = http://127.0.0.1:{port}/
notify = stdout
reply-notifications = false
gravatar = false

[moderation]
enabled = false

[guard]
enabled = false
ratelimit = 100000
direct-reply = 100000
reply-to-self = true
require-author = false
require-email = false

[server]
listen = http://127.0.0.1:{port}/
"""

ISSO_INSERT = r"""
import json, sqlite3, sys
from isso.utils import Bloomfilter
db, uri, plan_path = sys.argv[1:4]
plan = json.load(open(plan_path))
con = sqlite3.connect(db)
with con:
    tid = con.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", (uri, uri)).lastrowid
    voters = memoryview(Bloomfilter(iterable=["127.0.0.0"]).array)
    ids, root = [], []
    for i, item in enumerate(plan):
        top = i if item["parent"] is None else root[item["parent"]]
        root.append(top)
        parent = None if item["parent"] is None else ids[top]  # Isso nests one level
        cur = con.execute(
            "INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text,"
            " author, email, website, voters, notification)"
            " VALUES (?, ?, ?, NULL, 1, '127.0.0.0', ?, ?, NULL, NULL, ?, 0)",
            (tid, parent, item["created"], item["text"], f"Reader {i % 33}", voters),
        )
        ids.append(cur.lastrowid)
print(len(ids))
"""


@dataclass
class Isso:
    url: str
    python: Path
    db: Path
    log: Path
    version: str
    server: subprocess.Popen[bytes]


def install_isso(venv: Path, log: Path) -> subprocess.Popen[bytes] | str:
    """Create the virtualenv, and install Isso in it in the background while Masthead sets up.
    A string says why it could not start."""
    try:
        made = subprocess.run(
            ["python3", "-m", "venv", str(venv)], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"python3 -m venv failed: {exc!r}"
    if made.returncode != 0:
        return f"python3 -m venv failed ({made.returncode}): {made.stderr.strip()}"
    pip = [venv / "bin" / "pip", "install", "--disable-pip-version-check", "--no-input"]
    with log.open("wb") as out:
        return subprocess.Popen([*pip, "isso", "gunicorn"], stdout=out, stderr=subprocess.STDOUT)


def start_isso(venv: Path, scratch: Path, install: subprocess.Popen[bytes], log: Path) -> Isso:
    try:
        code = install.wait(timeout=300)
    except subprocess.TimeoutExpired as exc:
        stop(install)
        raise RuntimeError("pip install isso gunicorn took over 300 s") from exc
    if code != 0:
        raise RuntimeError(f"pip install isso gunicorn failed ({code}):\n{tail(log, 25)}")
    python = venv / "bin" / "python"
    version = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('isso'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    port = free_port()
    db = scratch / "isso.sqlite3"
    config = scratch / "isso.cfg"
    config.write_text(ISSO_CONFIG.format(db=db, port=port))
    server_log = scratch / "isso.log"
    with server_log.open("wb") as out:
        server = subprocess.Popen(
            [
                venv / "bin" / "gunicorn",
                # As Isso's deployment docs run it: loaded once, before the workers fork, so they
                # share its multiprocessing lock (and two workers do not race to create the db).
                "--preload",
                "isso.run:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env={"ISSO_SETTINGS": str(config), "PATH": f"{venv}/bin:/usr/bin:/bin"},
            cwd=scratch,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    isso = Isso(f"http://127.0.0.1:{port}", python, db, server_log, version, server)
    try:
        wait_until_up(f"{isso.url}/config", process=server)
    except BaseException:
        stop(server)
        raise RuntimeError(f"Isso did not start:\n{tail(server_log, 25)}") from None
    return isso


def fill_isso(isso: Isso, uri: str, plan: list[dict[str, object]], scratch: Path) -> None:
    start = time.time() - 10 * len(plan) - 3600
    rows = [{**item, "created": start + 10 * i} for i, item in enumerate(plan)]
    path = scratch / "isso-plan.json"
    path.write_text(json.dumps(rows))
    subprocess.run(
        [isso.python, "-c", ISSO_INSERT, str(isso.db), uri, str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    page = json.loads(http_request("GET", f"{isso.url}/?uri={quote(uri)}").body)
    tops = sum(1 for item in plan if item["parent"] is None)
    shown = (page["total_replies"], len(page["replies"]))
    assert shown == (len(plan), tops), f"Isso shows {shown}, expected {(len(plan), tops)}"


def isso_poster(isso: Isso, uri: str) -> Callable:
    url = f"{isso.url}/new?uri={quote(uri)}"

    def post(client: int, text: str) -> Outcome:
        data = json.dumps({"text": text, "author": f"Bench client {client}"}).encode()
        answer = http_request("POST", url, body=data, headers={"Content-Type": "application/json"})
        locked = LOCKED in answer.body
        if answer.status == 201:
            return Outcome(True, "ok", int(json.loads(answer.body)["id"]), locked)
        return Outcome(False, str(answer.status), None, locked)

    return post


# --- Load --------------------------------------------------------------------------------------


@dataclass
class Posting:
    clients: int
    sent: int = 0
    acknowledged: int = 0
    seconds: float = 0.0
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    locked: int = 0
    ids: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.acknowledged / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        lat = sorted(self.latencies) or [0.0]
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"{self.acknowledged}/{self.sent} acknowledged in {self.seconds:.1f} s, "
            f"{self.rate:.1f} posts/s, latency median {statistics.median(lat) * 1000:.0f} ms "
            f"p95 {p95 * 1000:.0f} ms max {lat[-1] * 1000:.0f} ms; errors: {errors}"
        )


def post_load(
    post: Callable[[int, str], Outcome],
    *,
    clients: int,
    per_client: int,
    seconds: float,
    tag: str,
) -> Posting:
    """`clients` threads, each posting up to `per_client` comments, until `seconds` have passed."""
    result = Posting(clients)
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(n: int) -> None:
        rng = random.Random(f"{tag}-{n}")
        for i in range(per_client):
            if time.monotonic() >= deadline:
                return
            text = comment_text(rng, f"{tag}, client {n}, post {i}")
            began = time.monotonic()
            try:
                outcome = post(n, text)
            except Exception as exc:
                outcome = Outcome(False, type(exc).__name__)
            took = time.monotonic() - began
            with lock:
                result.sent += 1
                result.latencies.append(took)
                result.locked += outcome.locked
                if outcome.ok:
                    result.acknowledged += 1
                    assert outcome.comment_id is not None
                    result.ids.append(outcome.comment_id)
                else:
                    result.errors[outcome.label] += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    result.seconds = time.monotonic() - start
    return result


@dataclass
class Row:
    what: str
    size: str
    masthead: float | None
    isso: float | None
    unit: str
    note: str = ""

    def ratio(self) -> str:
        if self.masthead is None or not self.isso:
            return "n/a"
        return f"{self.masthead / self.isso:.2f}"


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def read_rps(
    label: str, url: str, seconds: int, headers: dict[str, str] | None = None
) -> float | None:
    """Requests/s for one URL; None (and the error printed) if it fails.

    wrk, 8 connections, after a one-second warm-up. An endpoint slower than SLOW_REQUEST a
    request is measured in a closed loop with 2 connections (one per worker) instead: wrk
    drops the requests in flight when it stops, which for such an endpoint is much of the count,
    and leaves them queued on the server, where they would eat the CPU of the next measurement.
    """
    try:
        http_request("GET", url, headers=headers)  # warm up
        began = time.monotonic()
        probe = http_request("GET", url, headers=headers)
        single = time.monotonic() - began
        if probe.status != 200:
            raise RuntimeError(f"{url} answered {probe.status}")
        if single > SLOW_REQUEST:
            value = closed_loop_rps(url, seconds=seconds, connections=2, headers=headers)
            how = f"closed loop, 2 connections; one request {single:.2f} s"
        else:
            requests_per_second(url, seconds=1, headers=headers)
            value = requests_per_second(url, seconds=seconds, headers=headers)
            time.sleep(min(2.0, 0.2 + 8 * single))  # let the server finish what wrk left queued
            how = "wrk, 8 connections"
    except Exception as exc:
        print(f"  {label}: FAILED: {exc}")
        return None
    print(f"  {label:<52} {value:9.1f} requests/s  ({how})")
    return value


def rate(run: Posting | None) -> float | None:
    return run.rate if run is not None else None


def errors_note(masthead: Posting, isso: Posting | None) -> str:
    notes = []
    for name, run in (("Masthead", masthead), ("Isso", isso)):
        if run is not None and run.errors:
            notes.append(f"{name} errors {dict(run.errors)}")
    return "; ".join(notes)


@dataclass
class Bench:
    args: argparse.Namespace
    site: Site
    isso: Isso | None
    setup: dict
    reader: Session
    scratch: Path
    rows: list[Row] = field(default_factory=list)

    def reads(self, size: int, article: dict) -> None:
        page_url = self.site.url + article["url"]
        partial = f"{self.site.url}/community/articles/{article['id']}/comments/"
        partial_headers = {"HX-Request": "true", "Cookie": "sessionid=bench"}
        page = http_request("GET", page_url)
        assert page.status == 200 and f"({size})".encode() in page.body, "count not on the page"
        again = http_request("GET", page_url)
        assert again.headers.get("X-Page-Cache") == "hit", "the page cache did not serve it"
        part = http_request("GET", partial, headers=partial_headers)
        assert part.status == 200 and b'id="comment-' in part.body, part.status
        print(
            f"\n## thread of {size} comments (article page {len(page.body) // 1024} KiB, "
            f"thread partial {len(part.body) // 1024} KiB)"
        )
        print("reads:")
        seconds = self.args.seconds
        m_page = read_rps("Masthead article page (page cache)", page_url, seconds)
        m_part = read_rps(
            "Masthead thread partial (htmx, rendered)", partial, seconds, partial_headers
        )
        i_all = i_first = None
        if self.isso is not None:
            whole = f"{self.isso.url}/?uri={quote(f'/bench/{size}/')}"
            first = f"{whole}&limit=20&nested_limit=3"
            kib = len(http_request("GET", whole).body) // 1024
            i_all = read_rps(f"Isso GET /?uri= (whole thread, {kib} KiB)", whole, seconds)
            i_first = read_rps("Isso GET /?uri=&limit=20&nested_limit=3", first, seconds)
        self.rows += [
            Row(
                "read: Masthead page (cached) / Isso whole thread",
                str(size),
                m_page,
                i_all,
                "req/s",
            ),
            Row(
                "read: Masthead partial (rendered) / Isso whole thread",
                str(size),
                m_part,
                i_all,
                "req/s",
            ),
            Row(
                "read: Masthead partial / Isso first page (20, 3 replies)",
                str(size),
                m_part,
                i_first,
                "req/s",
            ),
        ]

    def warm_up(self, size: int, article: dict) -> None:
        """A post or two in every worker first: Masthead's scorer loads its model on first use
        (about a second); neither system should be timed on that."""
        sessions = [
            open_compose(self.site, article["id"], Session(key))
            for key in self.setup["sessions"][:CONCURRENT_CLIENTS]
        ]
        masthead = masthead_poster(self.site, article["id"], sessions)
        done = post_load(masthead, clients=len(sessions), per_client=1, seconds=60, tag="warm")
        line = f"warm-up, not counted: Masthead {done.acknowledged}/{done.sent}"
        if self.isso is not None:
            isso = isso_poster(self.isso, f"/bench/{size}/")
            done = post_load(isso, clients=4, per_client=1, seconds=60, tag="warm")
            line += f", Isso {done.acknowledged}/{done.sent}"
        print(f"{line} posts")

    def posts(self, size: int, article: dict) -> None:
        posts, cap = self.args.posts, POST_TIME_CAP
        uri = f"/bench/{size}/"
        if size == SIZES[0]:
            self.warm_up(size, article)
        print(f"posting {posts} comments from one client:")
        open_compose(self.site, article["id"], self.reader)
        masthead = masthead_poster(self.site, article["id"], [self.reader])
        m_seq = post_load(masthead, clients=1, per_client=posts, seconds=cap, tag=f"seq {size}")
        print(f"  Masthead: {m_seq.describe()}")
        i_seq = None
        if self.isso is not None:
            isso = isso_poster(self.isso, uri)
            i_seq = post_load(isso, clients=1, per_client=posts, seconds=cap, tag=f"seq {size}")
            print(f"  Isso:     {i_seq.describe()}")

        clients = CONCURRENT_CLIENTS
        each = max(1, posts // clients)
        print(f"posting {each * clients} comments from {clients} clients at once:")
        sessions = [
            open_compose(self.site, article["id"], Session(key))
            for key in self.setup["sessions"][:clients]
        ]
        masthead = masthead_poster(self.site, article["id"], sessions)
        tag = f"conc {size}"
        m_conc = post_load(masthead, clients=clients, per_client=each, seconds=cap, tag=tag)
        print(f"  Masthead: {m_conc.describe()}")
        i_conc = None
        if self.isso is not None:
            isso = isso_poster(self.isso, uri)
            i_conc = post_load(isso, clients=clients, per_client=each, seconds=cap, tag=tag)
            print(f"  Isso:     {i_conc.describe()}")
        self.rows += [
            Row(
                "post: one client",
                str(size),
                m_seq.rate,
                rate(i_seq),
                "posts/s",
                errors_note(m_seq, i_seq),
            ),
            Row(
                f"post: {clients} clients",
                str(size),
                m_conc.rate,
                rate(i_conc),
                "posts/s",
                errors_note(m_conc, i_conc),
            ),
        ]

    def burst(self, article: dict) -> None:
        seconds = self.args.burst_seconds
        print(
            f"\n## burst: {BURST_WRITERS} verified readers, a session each, posting to page "
            f"{article['id']} for {seconds} s"
        )
        log_before = len(self.site.server_log())
        sessions = [
            open_compose(self.site, article["id"], Session(k)) for k in self.setup["sessions"]
        ]
        burst = post_load(
            masthead_poster(self.site, article["id"], sessions),
            clients=BURST_WRITERS,
            per_client=10_000,
            seconds=seconds,
            tag="burst",
        )
        print(f"  {burst.describe()}")
        pages = [a["id"] for a in self.setup["articles"]]
        check = shell_json(
            self.site,
            VERIFY,
            {"ids": burst.ids, "burst_page": article["id"], "pages": pages},
            self.scratch,
        )
        server_log = self.site.server_log()
        log_locked = server_log.count("database is locked")
        locked = burst.locked + log_locked
        lost = burst.acknowledged - check["found"]
        print(
            f"burst: {burst.acknowledged} acknowledged, {check['found']} in database, "
            f"{lost} lost, {locked} 'database is locked'"
        )
        print(
            f"  requests sent {burst.sent}; acknowledged (302 to the permalink) "
            f"{burst.acknowledged}; errors by status: {dict(burst.errors) or 'none'}"
        )
        print(
            f"  'database is locked': {burst.locked} in response bodies, {log_locked} in the "
            f"server log (whole run); comments stored on the burst article "
            f"{check['in_burst_thread']}, of them published {check['published']}, with their "
            f"moderation decision {check['with_decision']}"
        )
        for counter in check["counters"]:
            right = (
                counter["comment_count"] == counter["published"]
                and not counter["roots_with_wrong_reply_count"]
            )
            print(
                f"  counters, page {counter['page']}: Thread.comment_count "
                f"{counter['comment_count']}, published comments {counter['published']}, top "
                f"comments with a wrong reply_count {counter['roots_with_wrong_reply_count']}: "
                f"{'ok' if right else 'MISMATCH'}"
            )
        if lost or locked or burst.errors or check["in_burst_thread"] != burst.acknowledged:
            print(
                f"  FINDING: see above; acknowledged ids missing from the database: "
                f"{check['missing']}"
            )
        errors = [line for line in server_log[log_before:].splitlines() if "Error" in line]
        for line in errors[-5:]:
            print(f"  server log: {line}")
        self.rows.append(
            Row(
                f"burst: {BURST_WRITERS} writers, Masthead only",
                "-",
                burst.rate,
                None,
                "posts/s",
                f"{burst.acknowledged} ack, {check['found']} in db, {lost} lost, {locked} locked",
            )
        )


def print_table(rows: list[Row], args: argparse.Namespace, isso: str) -> None:
    print(f"\n## summary (--seconds {args.seconds}, --posts {args.posts}; ratio = Masthead/Isso)")
    print(f"Isso: {isso}")
    header = f"{'measure':<58} {'size':>5} {'Masthead':>9} {'Isso':>9} {'ratio':>6}  unit"
    print(header)
    print("-" * len(header))
    for row in rows:
        line = (
            f"{row.what:<58} {row.size:>5} {fmt(row.masthead):>9} {fmt(row.isso):>9} "
            f"{row.ratio():>6}  {row.unit}"
        )
        print(line + (f"  ({row.note})" if row.note else ""))


def setup_masthead(site: Site, plans: dict[int, list], scratch: Path) -> dict:
    setup = shell_json(
        site,
        SETUP,
        {
            "password": READER_PASSWORD,
            "reader": "bench-reader",
            "writers": [f"bench-writer-{n:02d}" for n in range(BURST_WRITERS)],
            "plans": [plans[size] for size in SIZES],
        },
        scratch,
    )
    print(
        "# Masthead, for the benchmark: CommunitySettings seconds_between_comments=0, "
        "seconds_between_comments_new_reader=0, comments_per_hour_per_ip=0 (rate limits off), "
        "hold_first_comments=0; every other screening rule on, the toxicity scorer included"
    )
    for article in setup["articles"]:
        print(f"# Masthead page {article['id']} {article['url']}: {article['size']} comments")
    return setup


def setup_isso(
    install: subprocess.Popen[bytes] | str | None, scratch: Path, plans: dict[int, list]
) -> tuple[Isso | None, str]:
    if install is None:
        return None, "skipped (--no-isso)"
    if isinstance(install, str):
        print(f"# Isso unavailable: {install}\n# carrying on with Masthead only")
        return None, f"unavailable: {install}"
    isso = None
    try:
        isso = start_isso(scratch / "isso-venv", scratch, install, scratch / "pip.log")
        for size in SIZES:
            fill_isso(isso, f"/bench/{size}/", plans[size], scratch)
    except Exception as exc:
        if isso is not None:
            stop(isso.server)
        error = f"unavailable: {type(exc).__name__}: {exc}"
        print(f"# Isso {error}\n# carrying on with Masthead only")
        return None, error
    threads = ", ".join(f"/bench/{size}/" for size in SIZES)
    print(
        f"# Isso {isso.version} at {isso.url} (gunicorn --preload, 2 workers), threads "
        f"{threads}; guard (rate limits) and moderation off"
    )
    return isso, f"{isso.version}, gunicorn --preload, 2 workers, SQLite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each read measurement")
    parser.add_argument("--posts", type=int, default=200, help="comments per posting run")
    parser.add_argument("--burst-seconds", type=int, default=20, help="length of the burst")
    parser.add_argument("--no-isso", action="store_true", help="measure Masthead only")
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="Masthead's gunicorn workers (Isso keeps 2); more puts more writers on SQLite at once",
    )
    args = parser.parse_args()

    began = time.monotonic()
    print(f"# machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    scratch = Path(tempfile.mkdtemp(prefix="comments-bench-"))
    install: subprocess.Popen[bytes] | str | None = None
    isso: Isso | None = None
    rows: list[Row] = []
    try:
        if not args.no_isso:
            install = install_isso(scratch / "isso-venv", scratch / "pip.log")
        plans = {size: thread_plan(size, seed=size) for size in SIZES}
        with demo_site(workers=args.workers) as site:
            print(f"# Masthead demo site at {site.url}, gunicorn {args.workers} workers, SQLite")
            setup = setup_masthead(site, plans, scratch)
            reader = sign_in(site, "bench-reader@example.org", READER_PASSWORD)
            print("# bench-reader (verified) signed in through /accounts/login/")
            isso, isso_state = setup_isso(install, scratch, plans)
            print(f"# set up in {time.monotonic() - began:.0f} s")
            bench = Bench(args, site, isso, setup, reader, scratch, rows)
            try:
                for size, article in zip(SIZES, setup["articles"], strict=False):
                    bench.reads(size, article)
                    bench.posts(size, article)
                bench.burst(setup["articles"][len(SIZES)])
            finally:
                if isso is not None:
                    locked = isso.log.read_text(errors="replace").count("database is locked")
                    print(f"# Isso's server log: {locked} 'database is locked'")
                    stop(isso.server)
    finally:
        if isinstance(install, subprocess.Popen):
            stop(install)
        shutil.rmtree(scratch, ignore_errors=True)
    print_table(rows, args, isso_state)
    print(
        f"total time {time.monotonic() - began:.0f} s; load average {os.getloadavg()[0]:.1f} "
        "at the end"
    )


if __name__ == "__main__":
    main()
