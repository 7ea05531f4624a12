"""Moderation queues with 1,000 comments against the same with 1,000,000, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/moderation.py [--comments 1000000] [--sqlite-only] [--runs 15]
        [--warmups 3] [--rounds 2] [--timeout 40] [--explain-above 3] [--keep]

A quick run to try changes: --comments 20000 --runs 5 --rounds 1 (about 6 minutes; the full
million on both backends takes about 10 to 15 minutes on 2 CPUs).

For each backend the script builds two databases from one freshly migrated newsroom (5 sections,
200 published articles with their threads, two moderators and a moderation lead, all made through
the ORM as the tests make them): a small one with 1,000 comments and a large one with --comments.
SQLite files live under var/bench/moderation/ (removed afterwards unless --keep); PostgreSQL is a
throwaway cluster (initdb as the postgres user when run as root) and Redis a throwaway server,
both started by the script on 127.0.0.1 and stopped whatever happens. Without PostgreSQL binaries
the PostgreSQL half is skipped with a message.

What is generated, with a fixed seed, in plain Python and raw bulk inserts (executemany on SQLite,
COPY on PostgreSQL; the comment, decision and report indexes are dropped for the load and rebuilt
from their own definitions afterwards), as the app's actions would have left it:

- one reader per 50 comments (at least 20), some far busier than others (the busiest of a million
  comments wrote about 7,000 of them); a quarter of the comments are replies;
- comments over a year: ~70% published and never looked at (Unmoderated), 23% approved
  (reviewed_at set), 3% held by a screening rule (Pending), 2% rejected (by the banned-word rule
  or by a moderator), 1% with open reports (Reported; a third of those hidden after three reports,
  so Pending too), 1% deleted or withdrawn by their authors. Each queue gets at least 25 comments,
  so the small database also fills a first page (20) and has a next page;
- the decision log: the screening decision on every comment (publish, hold or reject, with its
  rule and detail), moderators' approvals and rejections, hides after reports, and decisions on
  readers (warnings, pre-moderation, suspensions, bans) with their standings and moderators' notes;
- reports (open and resolved, with reasons and notes), statements of reasons for every
  restriction, appeals (the latest 25 pending), illegal-content notices (one per 2,000 comments,
  at least 30, the latest 25 undecided), and a few claims.

Then ANALYZE (VACUUM ANALYZE on PostgreSQL, as autovacuum would have): both planners choose the
queues' indexes from those statistics, so a database loaded without them is not a fair test.

Measured in a process per database (each with its own Django setup), both kept alive and taking
turns operation by operation (small then large, large then small for the next one), so the two
figures of a pair are taken seconds apart on these shared machines; median of --runs after
--warmups, the lower over --rounds: every comment queue's first page (queues.page_of, newest and
oldest first), queues.counts(), appeals_page(), notices_page(), queues.history_of() for the
reader with the most comments and for a reader with about 50, and the admin pages themselves
through django.test.Client with a moderator signed in (force_login):
/admin/moderation/queues/<slug>/ for every queue and /admin/moderation/readers/<id>/ for both
readers. The table shows each operation's median in the small and the large database and their
ratio (1.0: the operation does not grow with the data), and its number of queries in each,
which must not differ. Then every query of those operations
is timed on its own, best of five (steadier than a whole operation, where building the model
instances takes most of the time; on PostgreSQL the server's execution time from EXPLAIN
ANALYZE, without the round trip): each one slower than --explain-above times its small figure,
and by more than half a millisecond, is shown once, with the operations it serves and its plan
on both databases (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).

Last, word lists: WordList.from_text() of 10,000 made-up entries, and find() on a 2,000-character
comment and on a one-line one (neither matches, so every word is looked up), against a 10-entry
list in the same run.

Nothing about time is asserted: the script exits non-zero only when something failed to run (or
--timeout, in minutes, ran out: every step is bounded by it).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import glob
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import PYTHON, ROOT, free_port, site_env, stop, tail

SMALL = 1_000
ARTICLES = 200
SECTIONS = ("Politics", "Business", "Sport", "Culture", "Opinion")
MODERATORS = (
    ("moderator", "Moderators"),  # signs in to the admin pages measured here
    ("second_moderator", "Moderators"),
    ("lead", "Moderation leads"),
)
SPAN = dt.timedelta(days=365)  # the comments' history
COMMENTS_PER_READER = 50
QUEUE_FLOOR = 25  # every queue fills a first page (20 cards) and has a next page, even when small
TYPICAL_READER = 50  # comments of the second reader whose panel is measured
MIN_GROWTH_MS = 0.5  # a query that grew by less than this is not worth a plan
IN_LIST = re.compile(r"IN \((?:%s, )*%s\)")
SEED = 2026
BENCH_DIR = ROOT / "var" / "bench" / "moderation"
STATIC_DIR = BENCH_DIR / "static"  # collected once; every database's VAR_DIR links to it

# What becomes of the comments, besides the ~70% published and never reviewed ("unmoderated").
SHARES = {"approved": 0.23, "pending": 0.03, "rejected": 0.02, "reported": 0.01, "gone": 0.01}
HOLD_RULES = (
    ("suspect_words", 30),
    ("toxicity", 30),
    ("links", 15),
    ("new_commenter", 15),
    ("premoderated", 5),
    ("repeat", 5),
)
REJECT_REASONS = ("abusive", "harassment", "hate", "spam", "off_topic", "misinformation", "other")
SUSPECT = ("idiot", "moron", "clown", "liar", "scum")
BANNED = ("slur-one", "slur-two", "slur-three")

FIRST_NAMES = (
    "Ada", "Ben", "Cora", "Dev", "Ella", "Finn", "Grace", "Hari", "Iris", "Jon", "Kemi", "Liam",
    "Maya", "Nils", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess",
)  # fmt: skip
LAST_NAMES = (
    "Lane", "Okafor", "Price", "Quill", "Marsh", "Haddad", "Brook", "Novak", "Shah", "Ellis",
    "Moreau", "Costa", "Byrne", "Ito", "Kowal", "Reyes", "Fraser", "Berg", "Wolfe", "Amos",
)  # fmt: skip
SUBJECTS = (
    "The council", "The harbour board", "Our library", "The new bus timetable", "The flood plan",
    "This consultation", "The school governors", "The budget committee", "The mayor",
    "The hospital trust", "The planning officer", "Northgate ward",
)  # fmt: skip
VERBS = (
    "should publish", "needs to explain", "has not costed", "could rethink", "must consult on",
    "keeps ignoring", "finally delivered", "quietly dropped",
)  # fmt: skip
OBJECTS = (
    "the full figures", "the evening services", "the parking changes", "the repairs to the quay",
    "the opening hours", "the cycle lane on Northgate Road", "the cost of the contract",
    "the promise made last spring", "the questions residents asked",
)  # fmt: skip
ENDINGS = (
    "before the vote.", "with residents first.", "as it promised.", "so everyone can see them.",
    "and answer the questions raised here.", "this time.", "without any fuss.",
)  # fmt: skip
REPORT_NOTES = (
    "Personal attack on another reader",
    "Looks like an advert",
    "This is not true",
    "Abusive language",
    "Same thing posted on every story",
)


STARTED = time.monotonic()


def log(message: str) -> None:
    print(message, flush=True)


def step(message: str) -> None:
    log(f"# [{time.monotonic() - STARTED:4.0f} s] {message}")


# --- Generating the data ------------------------------------------------------------------------


@dataclass
class Newsroom:
    """What the migrated template holds and the generated rows point at."""

    threads: list[int]
    moderators: list[int]
    reasons: list[int]  # report reasons that count towards hiding
    disagree: int  # "I just disagree": recorded, never counted
    first_user_id: int


@dataclass
class Plan:
    """One comment's place in the conversation and its fate, decided before any row is written
    (a top comment's reply count must be known when it is inserted)."""

    thread: int
    author: int  # index into the readers
    parent: int | None
    root: int | None
    reply_to: int | None
    depth: int
    kind: str
    sub: float


@dataclass
class Fate:
    status: str
    reviewed: dt.datetime | None = None  # when a moderator last decided
    last_reported: dt.datetime | None = None
    reports: int = 0  # counted reports, ever
    open_reports: int = 0  # counted reports since a moderator last decided


class Generator:
    """Every row of one database, from a fixed seed, in plain Python: the ORM would take hours.

    `stamp` turns a datetime into what the backend's bulk insert wants (Django's text form on
    SQLite, the aware datetime itself for COPY).
    """

    def __init__(
        self,
        size: int,
        newsroom: Newsroom,
        *,
        now: dt.datetime,
        stamp: Callable[[dt.datetime | None], Any],
        progress: Callable[[str], None],
    ) -> None:
        self.rng = random.Random(SEED * 1_000_003 + size)
        self.size = size
        self.newsroom = newsroom
        self.now = now
        self.start = now - SPAN
        self.stamp = stamp
        self.progress = progress
        self.readers = max(20, size // COMMENTS_PER_READER)
        first = newsroom.first_user_id
        self.reader_ids = list(range(first, first + self.readers))
        self.names = [
            f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            for _ in range(self.readers)
        ]
        self.sentences = [
            f"{s} {v} {o} {e}" for s in SUBJECTS for v in VERBS for o in OBJECTS for e in ENDINGS
        ]
        self.rng.shuffle(self.sentences)
        self.sentences = self.sentences[:600]
        # Filled while the comments are written, inserted after them.
        self.decisions: list[tuple[Any, ...]] = []
        self.reports: list[tuple[Any, ...]] = []
        self.thread_counts: Counter[int] = Counter()
        self.created: list[dt.datetime] = []
        self.reported_ids: list[int] = []
        self.statement_rows: list[
            tuple[Any, ...]
        ] = []  # (decision id, created_at, reader, comment)

    # Helpers ---------------------------------------------------------------------------------

    def later(self, at: dt.datetime, low: float = 60, high: float = 2 * 86400) -> dt.datetime:
        """A moment after `at`, never in the future (comments are at least an hour old)."""
        moment = at + dt.timedelta(seconds=self.rng.uniform(low, high))
        return min(moment, self.now - dt.timedelta(seconds=1))

    def decide(
        self,
        at: dt.datetime,
        action: str,
        *,
        comment: int | None,
        subject: int,
        rule: str = "",
        reason: str = "",
        detail: str = "{}",
        moderator: int | None = None,
        statement: bool = False,
    ) -> None:
        self.decisions.append(
            (at, comment, subject, moderator, rule, action, reason, detail, statement)
        )

    def hold_rule(self) -> tuple[str, str]:
        rule = self.rng.choices([r for r, _ in HOLD_RULES], [w for _, w in HOLD_RULES])[0]
        detail: dict[str, Any] = {}
        if rule == "suspect_words":
            detail = {"matched": self.rng.choice(SUSPECT)}
        elif rule == "toxicity":
            detail = {
                "score": round(self.rng.uniform(0.81, 0.99), 4),
                "category": self.rng.choice(("insult", "threat", "obscene")),
                "scorer": "profanity-check",
                "threshold": 0.8,
            }
        elif rule == "links":
            detail = {"links": self.rng.randint(3, 6), "allowed": 2}
        elif rule == "new_commenter":
            detail = {"published_before": 0, "held_until": 2}
        elif rule == "repeat":
            detail = {"window_minutes": 10}
        return rule, json.dumps(detail)

    def reporters(self, author: int, count: int) -> list[int]:
        chosen = self.rng.sample(range(self.readers), min(self.readers, count + 1))
        return [self.reader_ids[r] for r in chosen if r != author][:count]

    def report(
        self,
        comment: int,
        author: int,
        times: list[dt.datetime],
        *,
        resolved: dt.datetime | None = None,
        outcome: str = "",
    ) -> int:
        """Reports on a comment at these times (plus, sometimes, one that does not count);
        returns how many count."""
        rng = self.rng
        extra = rng.random() < 0.3  # a reader who "just disagrees": recorded, never counted
        who = self.reporters(author, len(times) + extra)
        for n, (reporter, at) in enumerate(zip(who, [*times, times[-1]], strict=False)):
            counted = n < len(times)
            reason = rng.choice(self.newsroom.reasons) if counted else self.newsroom.disagree
            note = rng.choice(REPORT_NOTES) if rng.random() < 0.4 else ""
            notified = resolved + dt.timedelta(minutes=1) if resolved else None
            self.reports.append((note, at, comment, reporter, reason, notified, outcome, resolved))
        return min(len(times), len(who))

    def report_times(self, after: dt.datetime, count: int) -> list[dt.datetime]:
        times, at = [], after
        for _ in range(count):
            at = self.later(at, 60, 86400)
            times.append(at)
        return times

    # Rows ------------------------------------------------------------------------------------

    def users(self) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        for n, (pk, name) in enumerate(zip(self.reader_ids, self.names, strict=True)):
            joined = self.start - dt.timedelta(days=rng.uniform(1, 900))
            yield (
                pk, "!", None, False, f"reader{n:06d}", "", "", f"reader{n:06d}@example.org",
                False, True, self.stamp(joined), name, None, True,
            )  # fmt: skip

    def kinds(self) -> list[str]:
        counts = {
            kind: max(QUEUE_FLOOR, round(share * self.size)) for kind, share in SHARES.items()
        }
        counts["gone"] = round(SHARES["gone"] * self.size)  # no queue of its own
        counts["unmoderated"] = self.size - sum(counts.values())
        kinds = [kind for kind, n in counts.items() for _ in range(n)]
        self.rng.shuffle(kinds)
        return kinds

    @staticmethod
    def published(kind: str, sub: float) -> bool:
        """Whether the comment ends up in view (and so may be replied to and counted)."""
        if kind in ("unmoderated", "approved"):
            return True
        return kind == "reported" and not 0.55 <= sub < 0.85  # the rest are hidden by reports

    def plan(self) -> list[Plan]:
        rng = self.rng
        threads = self.newsroom.threads
        recent: dict[int, list[tuple[int, int, int | None, int | None, int]]] = defaultdict(list)
        plans = []
        for i, kind in enumerate(self.kinds()):
            cid = i + 1
            thread = threads[int(len(threads) * rng.random() ** 2)]  # some stories draw crowds
            author = int(self.readers * rng.random() ** 2)  # and some readers write far more
            sub = rng.random()
            parent = root = reply_to = None
            depth = 0
            candidates = recent[thread]
            if candidates and rng.random() < 0.25:
                p_id, p_depth, p_parent, p_root, _ = rng.choice(candidates)
                reply_to, root = p_id, p_root or p_id
                # Past three levels a reply attaches beside its parent, naming whom it answers.
                parent, depth = (p_id, p_depth + 1) if p_depth < 2 else (p_parent, 2)
            plans.append(Plan(thread, author, parent, root, reply_to, depth, kind, sub))
            if self.published(kind, sub):
                candidates.append((cid, depth, parent, root, author))
                if len(candidates) > 40:
                    del candidates[0]
        return plans

    def comments(self) -> Iterator[tuple[Any, ...]]:
        """Comment rows; their decisions and reports are collected on the way."""
        plans = self.plan()
        replies = Counter(
            p.root for p in plans if p.root is not None and self.published(p.kind, p.sub)
        )
        rng, stamp, n = self.rng, self.stamp, self.size
        sentences = self.sentences
        recent_ips = self.now - dt.timedelta(days=90)
        usable = SPAN - dt.timedelta(hours=1)
        for i, p in enumerate(plans):
            cid = i + 1
            created = self.start + usable * ((i + rng.random()) / n)
            self.created.append(created)
            author = self.reader_ids[p.author]
            body = " ".join(rng.choices(sentences, k=rng.randint(1, 4)))
            fate = self.fate(cid, p, created, author)
            if fate.status == "published":
                self.thread_counts[p.thread] += 1
            ip = f"10.{i % 250}.{(i // 250) % 250}.{1 + i % 200}" if created > recent_ips else None
            answers = self.names[plans[p.reply_to - 1].author] if p.reply_to else ""
            yield (
                cid, p.thread, author, p.parent, p.root, p.reply_to, answers, p.depth, body,
                f"<p>{body}</p>", fate.status, False, 0, replies.get(cid, 0), fate.reports,
                fate.open_reports, stamp(fate.last_reported), stamp(fate.reviewed),
                stamp(created), None, ip, None,
            )  # fmt: skip
            if cid % 200_000 == 0:
                self.progress(f"{cid:,} of {n:,} comments")

    def fate(self, cid: int, p: Plan, created: dt.datetime, author: int) -> Fate:
        """What became of the comment; its decisions and reports are recorded on the way, as the
        actions would have recorded them."""
        rng, sub, kind = self.rng, p.sub, p.kind
        moderator = rng.choice(self.newsroom.moderators)
        score = f'{{"score": {rng.random() * 0.5:.4f}}}'

        def publish() -> None:
            self.decide(
                created, "publish", comment=cid, subject=author, rule="screening", detail=score
            )

        def hold() -> None:
            rule, detail = self.hold_rule()
            self.decide(
                created, "hold", comment=cid, subject=author, rule=rule, reason=rule, detail=detail
            )

        if kind == "unmoderated":
            publish()
            return Fate("published")
        if kind == "gone":
            publish()
            return Fate("deleted" if sub < 0.3 else "withdrawn")
        if kind == "pending":
            hold()
            return Fate("pending")
        if kind == "approved":
            fate = Fate("published")
            if sub < 0.85:
                publish()
                fate.reviewed = self.later(created)
            elif sub < 0.95:
                hold()
                fate.reviewed = self.later(created)
            else:  # reported, and kept
                publish()
                times = self.report_times(created, rng.randint(1, 2))
                fate.reviewed = self.later(times[-1], 60, 86400)
                fate.reports = self.report(
                    cid, p.author, times, resolved=fate.reviewed, outcome="kept"
                )
                fate.last_reported = times[-1]
            self.decide(fate.reviewed, "approve", comment=cid, subject=author, moderator=moderator)
            return fate
        if kind == "rejected":
            fate = Fate("rejected")
            if sub < 0.5:
                self.decide(
                    created, "reject", comment=cid, subject=author, rule="banned_words",
                    reason="banned_words", detail=json.dumps({"matched": rng.choice(BANNED)}),
                    statement=True,
                )  # fmt: skip
                return fate
            if sub < 0.8:
                hold()
                fate.reviewed = self.later(created)
            else:  # reported, and removed
                publish()
                times = self.report_times(created, rng.randint(2, 3))
                fate.reviewed = self.later(times[-1], 60, 86400)
                fate.reports = self.report(
                    cid, p.author, times, resolved=fate.reviewed, outcome="removed"
                )
                fate.last_reported = times[-1]
            self.decide(
                fate.reviewed, "reject", comment=cid, subject=author, moderator=moderator,
                reason=rng.choice(REJECT_REASONS), statement=True,
            )  # fmt: skip
            return fate
        # Reported, and no moderator has decided since.
        self.reported_ids.append(cid)
        publish()
        fate = Fate("published")
        if sub < 0.55:
            times = self.report_times(created, rng.randint(1, 2))
        elif sub < 0.85:  # hidden at the third report until a moderator looks
            times = self.report_times(created, rng.randint(3, 5))
            fate.status = "pending"
            self.decide(
                times[2], "hide", comment=cid, subject=author, rule="reports", reason="reports",
                detail=json.dumps({"reports": 3, "threshold": 3}),
            )  # fmt: skip
        else:  # approved once, reported again since
            fate.reviewed = self.later(created)
            self.decide(fate.reviewed, "approve", comment=cid, subject=author, moderator=moderator)
            times = self.report_times(fate.reviewed, rng.randint(1, 2))
        fate.reports = fate.open_reports = self.report(cid, p.author, times)
        fate.last_reported = times[-1]
        return fate

    def sanctions(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Decisions on readers (the busiest one warned once), their standings and notes."""
        rng = self.rng
        count = max(3, self.readers // 200)
        chosen = [0, *rng.sample(range(1, self.readers), count)]
        standings, notes = [], []
        for n, index in enumerate(chosen):
            reader = self.reader_ids[index]
            moderator = rng.choice(self.newsroom.moderators)
            at = self.start + SPAN * rng.uniform(0.05, 0.95)
            action = "warn" if n == 0 else rng.choices(
                ("warn", "premoderate", "suspend", "ban"), (50, 20, 20, 10)
            )[0]  # fmt: skip
            reason = "" if action == "warn" else rng.choice(REJECT_REASONS)
            detail: dict[str, Any] = {}
            if action == "warn":
                detail = {"message": "Please keep to our community guidelines."}
            until = at + dt.timedelta(days=7) if action == "suspend" else None
            if until is not None:
                detail = {"until": until.isoformat()}
            self.decide(
                at, action, comment=None, subject=reader, moderator=moderator, reason=reason,
                detail=json.dumps(detail), statement=action != "warn",
            )  # fmt: skip
            if action != "warn":
                standings.append(
                    (
                        reader,
                        action == "premoderate",
                        self.stamp(until),
                        action == "ban",
                        self.stamp(at),
                    )
                )
            for _ in range(rng.randint(1, 2)):
                notes.append(
                    (
                        "Keeps arguing with the same two readers.",
                        self.stamp(self.later(at)),
                        moderator,
                        reader,
                    )
                )
        return standings, notes

    def decision_rows(self) -> Iterator[tuple[Any, ...]]:
        """The decision log in time order (as ids grow in a real one); statements noted."""
        self.decisions.sort(key=lambda d: d[0])
        for pk, (
            at,
            comment,
            subject,
            moderator,
            rule,
            action,
            reason,
            detail,
            statement,
        ) in enumerate(self.decisions, start=1):
            if statement:
                self.statement_rows.append((pk, at, subject, comment, bool(rule)))
            yield (pk, rule, action, reason, detail, self.stamp(at), comment, moderator, subject)
        self.decisions.clear()

    def report_rows(self) -> Iterator[tuple[Any, ...]]:
        self.reports.sort(key=lambda r: r[1])
        stamp = self.stamp
        for pk, (note, at, comment, reporter, reason, notified, outcome, resolved) in enumerate(
            self.reports, start=1
        ):
            yield (
                pk,
                note,
                stamp(at),
                comment,
                reporter,
                reason,
                stamp(notified),
                outcome,
                stamp(resolved),
            )

    def statements(self) -> Iterator[tuple[Any, ...]]:
        stamp = self.stamp
        for pk, (decision, at, reader, comment, automated) in enumerate(
            self.statement_rows, start=1
        ):
            yield (
                pk, "Your comment was removed from public view. Your account is not affected.",
                'You wrote: "The council should publish the full figures..."',
                "Our community guidelines do not allow abuse of other readers.", automated,
                stamp(at + dt.timedelta(days=183)), stamp(at), stamp(at + dt.timedelta(minutes=1)),
                comment, decision, reader,
            )  # fmt: skip

    def appeals(self) -> Iterator[tuple[Any, ...]]:
        """One statement in ten appealed (at least 30); the latest ones still pending."""
        rng, stamp = self.rng, self.stamp
        old_enough = [
            (pk, row) for pk, row in enumerate(self.statement_rows, start=1)
            if row[1] < self.now - dt.timedelta(hours=2)
        ]  # fmt: skip
        count = min(len(old_enough), max(30, len(old_enough) // 10))
        chosen = []
        for statement, (_, at, reader, _, _) in rng.sample(old_enough, count):
            chosen.append((self.later(at, 3600, 5 * 86400), statement, reader))
        chosen.sort()
        week_ago = self.now - dt.timedelta(days=7)
        pending = max(QUEUE_FLOOR, sum(1 for at, _, _ in chosen if at > week_ago))
        moderator = self.newsroom.moderators[-1]  # the lead decides appeals
        for pk, (at, statement, reader) in enumerate(chosen, start=1):
            if pk > len(chosen) - pending:
                yield (
                    pk,
                    "Please look again.",
                    "pending",
                    stamp(at),
                    None,
                    "",
                    None,
                    None,
                    reader,
                    statement,
                )
            else:
                decided = self.later(at, 3600, 3 * 86400)
                status = "upheld" if rng.random() < 0.7 else "granted"
                yield (
                    pk, "Please look again.", status, stamp(at), stamp(decided),
                    "We looked again.", stamp(decided), moderator, reader, statement,
                )  # fmt: skip

    def notices(self) -> Iterator[tuple[Any, ...]]:
        """One illegal-content notice per 2,000 comments (at least 30); the latest undecided."""
        rng, stamp = self.rng, self.stamp
        count = max(30, self.size // 2000)
        picked = sorted(
            (self.later(self.created[c - 1], 3600, 3 * 86400), c)
            for c in rng.sample(range(1, self.size + 1), count)
        )
        undecided = max(QUEUE_FLOOR, count // 10)
        lead = self.newsroom.moderators[-1]
        for pk, (at, comment) in enumerate(picked, start=1):
            url = f"https://news.example.org/community/comments/{comment}/"
            notifier = self.reader_ids[rng.randrange(self.readers)] if rng.random() < 0.5 else None
            common = (pk, url, "Defamation Act 2013", "It says false things about me.", "A. Person",
                      "person@example.org", True)  # fmt: skip
            if pk > count - undecided:
                status = "under_review" if rng.random() < 0.3 else "received"
                reviewer = lead if status == "under_review" else None
                yield (
                    *common,
                    status,
                    stamp(at),
                    comment,
                    notifier,
                    None,
                    None,
                    "",
                    "",
                    "",
                    reviewer,
                )
            else:
                decided = self.later(at, 3600, 5 * 86400)
                outcome = "removed" if rng.random() < 0.3 else "no_action"
                yield (
                    *common, "decided", stamp(at), comment, notifier, stamp(decided),
                    stamp(decided), "Defamation Act 2013 s.1", outcome, "We weighed it.", lead,
                )  # fmt: skip

    def claims(self) -> Iterator[tuple[Any, ...]]:
        """A few reported comments open in a moderator's hands (valid for the whole run), and a
        few claims that expired."""
        moderator = self.newsroom.moderators[0]
        for n, comment in enumerate(self.reported_ids[:10]):
            expires = self.now + dt.timedelta(days=1 if n < 5 else -1)
            yield (comment, self.stamp(expires), moderator)


# --- Loading (runs in a child process with Django set up) ---------------------------------------

TABLES: dict[str, tuple[str, ...]] = {
    "accounts_user": (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
        "email", "is_staff", "is_active", "date_joined", "display_name",
        "display_name_changed_at", "reply_notifications",
    ),
    "community_comment": (
        "id", "thread_id", "author_id", "parent_id", "root_id", "reply_to_id", "reply_to_name",
        "depth", "body", "html", "status", "featured", "recommend_count", "reply_count",
        "report_count", "open_report_count", "last_reported_at", "reviewed_at", "created_at",
        "edited_at", "ip_address", "notified_at",
    ),
    "moderation_decision": (
        "id", "rule", "action", "reason", "detail", "created_at", "comment_id", "moderator_id",
        "subject_id",
    ),
    "community_report": (
        "id", "note", "created_at", "comment_id", "reporter_id", "reason_id", "notified_at",
        "outcome", "resolved_at",
    ),
    "moderation_statement": (
        "id", "restriction", "facts", "grounds", "automated", "appeal_until", "created_at",
        "emailed_at", "comment_id", "decision_id", "reader_id",
    ),
    "moderation_appeal": (
        "id", "note", "status", "created_at", "decided_at", "explanation", "emailed_at",
        "decided_by_id", "reader_id", "statement_id",
    ),
    "community_illegalcontentnotice": (
        "id", "comment_url", "law", "explanation", "name", "email", "good_faith", "status",
        "created_at", "comment_id", "notifier_id", "decided_at", "decision_sent_at",
        "legal_grounds", "outcome", "reasoning", "reviewer_id",
    ),
    "moderation_standing": ("reader_id", "premoderated", "suspended_until", "banned", "updated_at"),
    "moderation_moderatornote": ("text", "created_at", "author_id", "reader_id"),
    "moderation_claim": ("comment_id", "expires_at", "moderator_id"),
}  # fmt: skip
# The big tables: their secondary indexes are dropped for the load and rebuilt after it.
REINDEXED = ("community_comment", "moderation_decision", "community_report")


class Loader:
    """Bulk inserts on the connection Django opened, bypassing the ORM."""

    def __init__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection
        self.vendor = connection.vendor
        self.raw: Any = connection.connection

    def stamp(self) -> Callable[[dt.datetime | None], Any]:
        if self.vendor == "sqlite":
            # As Django stores them: UTC, no offset ("2026-01-02 03:04:05.678901").
            return lambda v: None if v is None else v.replace(tzinfo=None).isoformat(" ")
        return lambda v: v

    def insert(self, table: str, rows: Iterable[tuple[Any, ...]]) -> int:
        columns = TABLES[table]
        names = ", ".join(f'"{c}"' for c in columns)
        count = 0

        def counted() -> Iterator[tuple[Any, ...]]:
            nonlocal count
            for row in rows:
                assert len(row) == len(columns), (table, row)
                count += 1
                yield row

        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', counted())  # noqa: S608
        else:
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
            ):
                for row in counted():
                    copy.write_row(row)
        return count

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """One transaction, foreign keys not checked row by row (the generator keeps them right;
        SQLite checks them all afterwards), the big tables' indexes rebuilt at the end."""
        raw = self.raw
        if self.vendor == "sqlite":
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA cache_size = -1000000")  # 1 GB, for the index builds
            raw.execute("BEGIN")
            marks = ", ".join("?" * len(REINDEXED))
            secondary = f"type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
            indexes = raw.execute(
                f"SELECT name, sql FROM sqlite_master WHERE {secondary}",  # noqa: S608
                REINDEXED,
            ).fetchall()
            for name, _ in indexes:
                raw.execute(f'DROP INDEX "{name}"')
            try:
                yield
                began = time.monotonic()
                for _, sql in indexes:
                    raw.execute(sql)
                self.index_seconds = time.monotonic() - began
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            raw.execute("PRAGMA foreign_keys = ON")
            return
        with raw.transaction(), raw.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
                [list(REINDEXED)],
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            yield
            began = time.monotonic()
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _, sql in indexes:
                cursor.execute(sql)
            self.index_seconds = time.monotonic() - began

    def finish(self, thread_counts: Counter[int]) -> dict[str, float]:
        raw = self.raw
        mark = "?" if self.vendor == "sqlite" else "%s"
        with contextlib.closing(raw.cursor()) as cursor:
            cursor.executemany(
                f"UPDATE community_thread SET comment_count = {mark} WHERE id = {mark}",  # noqa: S608
                [(n, pk) for pk, n in thread_counts.items()],
            )
        if self.vendor == "postgresql":
            with raw.cursor() as cursor:
                for table, columns in TABLES.items():
                    if columns[0] == "id":
                        last = f'SELECT max(id) FROM "{table}"'  # noqa: S608
                        cursor.execute(
                            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({last}))",
                            [f'"{table}"'],
                        )
        began = time.monotonic()
        if self.vendor == "sqlite":
            broken = raw.execute("PRAGMA foreign_key_check").fetchmany(5)
            if broken:
                raise RuntimeError(f"the generated rows break foreign keys: {broken}")
            checked = time.monotonic() - began
            began = time.monotonic()
            raw.execute("ANALYZE")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            checked = 0.0
            raw.execute("VACUUM (ANALYZE)")  # autocommit: outside any transaction
        timings = {"foreign key check s": checked, "analyze s": time.monotonic() - began}
        if self.vendor == "postgresql":
            pages, visible = raw.execute(
                "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'community_comment'"
            ).fetchone()
            timings["all-visible %"] = 100 * visible / max(pages, 1)
        return timings


def load_phase(params: dict[str, Any]) -> dict[str, Any]:
    from django.db.models import Max
    from django.utils import timezone

    from masthead.accounts.models import User
    from masthead.community.models import Comment, ReportReason, Thread
    from masthead.moderation.models import Decision

    label = params["label"]
    began = time.monotonic()

    def progress(message: str) -> None:
        print(
            f"  [{label}] {time.monotonic() - began:5.0f} s  {message}", file=sys.stderr, flush=True
        )

    assert not Comment.objects.exists() and not Decision.objects.exists(), "not a fresh template"
    names = [name for name, _ in MODERATORS]
    counted = ReportReason.objects.filter(counts=True, illegal=False)
    newsroom = Newsroom(
        threads=list(Thread.objects.order_by("id").values_list("id", flat=True)),
        moderators=list(
            User.objects.filter(username__in=names).order_by("id").values_list("id", flat=True)
        ),
        reasons=list(counted.values_list("id", flat=True)),
        disagree=ReportReason.objects.filter(counts=False).values_list("id", flat=True)[0],
        first_user_id=(User.objects.aggregate(m=Max("id"))["m"] or 0) + 1,
    )
    loader = Loader()
    gen = Generator(
        params["size"], newsroom, now=timezone.now(), stamp=loader.stamp(), progress=progress
    )
    rows: dict[str, int] = {}
    with loader.bulk():
        rows["accounts_user"] = loader.insert("accounts_user", gen.users())
        rows["community_comment"] = loader.insert("community_comment", gen.comments())
        standings, notes = gen.sanctions()
        progress("decisions, reports, statements, appeals, notices")
        rows["moderation_decision"] = loader.insert("moderation_decision", gen.decision_rows())
        rows["community_report"] = loader.insert("community_report", gen.report_rows())
        rows["moderation_statement"] = loader.insert("moderation_statement", gen.statements())
        rows["moderation_appeal"] = loader.insert("moderation_appeal", gen.appeals())
        rows["community_illegalcontentnotice"] = loader.insert(
            "community_illegalcontentnotice", gen.notices()
        )
        rows["moderation_standing"] = loader.insert("moderation_standing", standings)
        rows["moderation_moderatornote"] = loader.insert("moderation_moderatornote", notes)
        rows["moderation_claim"] = loader.insert("moderation_claim", gen.claims())
        loaded = time.monotonic() - began
        progress(f"rows in ({loaded:.0f} s); rebuilding indexes")
    progress(f"indexes rebuilt ({loader.index_seconds:.0f} s); checking and analysing")
    timings = loader.finish(gen.thread_counts)
    progress("done")
    return {
        "rows": rows,
        "load s": loaded,
        "index s": loader.index_seconds,
        **timings,
        "total s": time.monotonic() - began,
    }


def setup_phase(params: dict[str, Any]) -> dict[str, Any]:
    """The newsroom every database of a backend starts from, made as the tests make theirs."""
    from django.utils import timezone

    from masthead.community.actions import thread_for
    from masthead.lib.testing import make_article, make_home, make_section, make_user

    now = timezone.now()
    home = make_home()
    sections = [make_section(home, title) for title in SECTIONS]
    for username, group in MODERATORS:
        make_user(username, group)
    for n in range(ARTICLES):
        page = make_article(
            sections[n % len(sections)],
            title=f"Harwick story {n}: the council and the harbour",
            slug=f"harwick-story-{n}",
            published_at=now - SPAN + SPAN * n / ARTICLES,
        )
        thread_for(page)
        if (n + 1) % 50 == 0:
            print(f"  [{params['label']}] {n + 1} articles", file=sys.stderr, flush=True)
    return {"articles": ARTICLES}


# --- Measuring (in a child process per database) -------------------------------------------------


class Recorder:
    """An execute wrapper that keeps every statement with its parameters."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.calls.append((sql, None if many else params))
        return execute(sql, params, many, context)


def query_detail(sql: str, params: Any) -> dict[str, Any]:
    """One statement on its own, its plan and its best time over up to 5 runs (other processes
    only ever add to it): wall time on SQLite, which runs in this process; on PostgreSQL the
    server's own execution time (EXPLAIN ANALYZE), without the round trip, which on a busy
    machine waits for a CPU on both ends."""
    from django.db import connection

    samples: list[float] = []
    began = time.monotonic()

    def more() -> bool:
        return len(samples) < 5 and (not samples or time.monotonic() - began < 3)

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()
        shown = connection.ops.last_executed_query(cursor.cursor, sql, params)
        if connection.vendor == "postgresql":
            lines: list[str] = []
            while more():
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                lines = [row[0] for row in cursor.fetchall()]
                executed = next(line for line in lines if line.startswith("Execution Time:"))
                samples.append(float(executed.split()[2]) / 1000)
            plan = "\n".join(lines)
        else:
            while more():
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append(time.perf_counter() - start)
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            depth: dict[int, int] = {0: -1}
            steps = []
            for node, parent, _, detail in cursor.fetchall():
                depth[node] = depth.get(parent, -1) + 1
                steps.append("  " * depth[node] + detail)
            plan = "\n".join(steps)
    return {"shape": sql, "sql": shown, "ms": min(samples) * 1000, "plan": plan}


def measure_phase(params: dict[str, Any]) -> None:
    """Answer the parent's requests for operations, each measured on this database."""
    import gc
    from functools import partial

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from masthead.accounts.models import User
    from masthead.community.models import Comment, IllegalContentNotice
    from masthead.moderation import queues
    from masthead.moderation.models import Appeal

    label = params["label"]
    runs, warmups, budget = params["runs"], params["warmups"], params["budget"]
    per_author = Comment.objects.values("author_id").annotate(n=Count("id"))
    busiest = per_author.order_by("-n", "author_id").first()
    typical = per_author.filter(n__gte=TYPICAL_READER).order_by("n", "author_id").first()
    assert busiest and typical, "no readers"
    readers = {
        "most active reader": (User.objects.get(pk=busiest["author_id"]), busiest["n"]),
        f"reader with ~{TYPICAL_READER} comments": (
            User.objects.get(pk=typical["author_id"]),
            typical["n"],
        ),
    }
    sizes = {
        slug: Comment.objects.filter(q.filter).count() for slug, q in queues.COMMENT_QUEUES.items()
    }
    sizes["appeals"] = Appeal.objects.filter(status=Appeal.Status.PENDING).count()
    sizes["notices"] = IllegalContentNotice.objects.exclude(status="decided").count()
    sizes["comments"] = Comment.objects.count()

    client = Client()
    client.force_login(User.objects.get(username=MODERATORS[0][0]))

    def view(url: str) -> Callable[[], int]:
        def get() -> int:
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return len(response.content)

        return get

    def items(result: Any) -> int:
        if isinstance(result, queues.Page):
            return len(result.cards)
        if isinstance(result, queues.History):
            return len(result.comments)
        if isinstance(result, tuple):
            return len(result[0])
        if isinstance(result, int):
            return result  # a page's size in bytes
        return len(result)

    ops: list[tuple[str, Callable[[], Any]]] = []
    for slug, queue in queues.COMMENT_QUEUES.items():
        for order in ("newest", "oldest"):
            filters = queues.Filters(order=order)  # type: ignore[arg-type]
            ops.append((f"page_of({slug}), {order} first", partial(queues.page_of, queue, filters)))
    ops += [
        ("counts()", queues.counts),
        ("appeals_page()", queues.appeals_page),
        ("notices_page()", queues.notices_page),
    ]
    ops += [
        (f"history_of({name})", partial(queues.history_of, r)) for name, (r, _) in readers.items()
    ]
    for slug in queues.ALL_QUEUES:
        ops.append((f"view queues/{slug}/", view(reverse("moderation_queue", args=[slug]))))
    for name, (reader, _) in readers.items():
        ops.append(
            (f"view readers/<{name}>/", view(reverse("moderation_reader", args=[reader.pk])))
        )

    def measure(index: int, *, with_queries: bool) -> dict[str, Any]:
        name, fn = ops[index]
        for _ in range(warmups):
            fn()
        gc.collect()
        samples: list[float] = []
        began = time.monotonic()
        while len(samples) < runs and (len(samples) < 3 or time.monotonic() - began < budget):
            start = time.perf_counter()
            result = fn()
            samples.append(time.perf_counter() - start)
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            fn()
        details = [
            query_detail(sql, query_params)
            for sql, query_params in recorder.calls
            if with_queries
            and query_params is not None
            and sql.lstrip().upper().startswith("SELECT")
        ]
        ms = statistics.median(samples) * 1000
        print(
            f"  [{label}] {name:<48} {ms:9.2f} ms  {len(recorder.calls):3d} queries",
            file=sys.stderr,
            flush=True,
        )
        return {
            "name": name,
            "ms": ms,
            "runs": len(samples),
            "queries": len(recorder.calls),
            "items": items(result),
            "details": details,
        }

    # The parent asks for one operation at a time, alternating with the other database's
    # process, so both figures of a pair are taken seconds apart on a shared machine.
    ready = {
        "names": [name for name, _ in ops],
        "sizes": sizes,
        "readers": {name: n for name, (_, n) in readers.items()},
    }
    print("READY " + json.dumps(ready), flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "quit":
            break
        result = measure(int(args[0]), with_queries=args[1] == "1")
        print("OP " + json.dumps(result), flush=True)
    return None


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
    "setup": setup_phase,
    "load": load_phase,
    "measure": measure_phase,
}


def child_main(phase: str, params_path: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    django.setup()
    params = json.loads(Path(params_path).read_text())
    result = PHASES[phase](params)
    if result is not None:
        print("BENCH " + json.dumps(result), flush=True)


# --- Services and databases (the parent process) ------------------------------------------------


class Deadline:
    def __init__(self, minutes: float) -> None:
        self.minutes = minutes
        self.end = time.monotonic() + minutes * 60

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"--timeout {self.minutes:g} minutes ran out")
        return left


def run_child(
    phase: str, env: dict[str, str], params: dict[str, Any], deadline: Deadline
) -> dict[str, Any]:
    """Run a phase in a fresh process (its progress goes to stderr); return what it reports."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(params, handle)
    try:
        done = subprocess.run(
            [PYTHON, str(Path(__file__).resolve()), "--phase", phase, "--params", handle.name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            timeout=deadline.left(),
        )
    finally:
        os.unlink(handle.name)
    if done.returncode != 0:
        raise RuntimeError(f"{params['label']}: the {phase} step failed ({done.returncode})")
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def manage(env: dict[str, str], deadline: Deadline, *args: str) -> None:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=deadline.left(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def bench_env(var_dir: Path, **extra: str) -> dict[str, str]:
    var_dir.mkdir(parents=True, exist_ok=True)
    static = var_dir / "static"
    if var_dir != BENCH_DIR and not static.exists():
        static.symlink_to(STATIC_DIR, target_is_directory=True)
    # django.test.Client asks for "testserver"; DEBUG=0 as in production (no query log kept).
    return site_env(var_dir, 8000, ALLOWED_HOSTS="testserver", **extra)


@dataclass
class Postgres:
    """A throwaway cluster on 127.0.0.1, owned by this run alone."""

    bindir: Path
    workdir: Path = field(init=False)
    port: int = field(init=False)
    running: bool = False

    @property
    def as_owner(self) -> list[str]:
        # initdb refuses to run as root: the cluster belongs to the postgres user then.
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="masthead-modbench-pg-"))
        self.workdir.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
        self.port = free_port()
        data = self.workdir / "data"
        subprocess.run(
            [*self.as_owner, str(self.bindir / "initdb"), "-D", str(data), "-U", "masthead",
             "--auth=trust", "-E", "UTF8"],
            check=True, stdout=subprocess.DEVNULL, timeout=180,
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.workdir} "
            # Not synchronous_commit=off: a VACUUM right after an asynchronous commit cannot
            # mark the loaded pages all-visible, and index-only scans would visit the heap.
            "-c fsync=off -c full_page_writes=off "
            # The script runs VACUUM ANALYZE itself once loaded; a background vacuum would only
            # disturb the timings.
            "-c autovacuum=off -c shared_buffers=512MB -c max_wal_size=8GB"
        )
        self.running = True
        subprocess.run(
            [*self.as_owner, str(self.bindir / "pg_ctl"), "-D", str(data), "-l",
             str(self.workdir / "server.log"), "-w", "-t", "120", "-o", options, "start"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )  # fmt: skip

    def url(self, database: str) -> str:
        return f"postgres://masthead@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="masthead", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.running:
            self.running = False
            data = str(self.workdir / "data")
            pg_ctl = [*self.as_owner, str(self.bindir / "pg_ctl"), "-D", data]
            done = subprocess.run(
                [*pg_ctl, "-m", "fast", "-w", "-t", "60", "stop"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=90,
            )  # fmt: skip
            if done.returncode != 0:
                subprocess.run(
                    [*pg_ctl, "-m", "immediate", "stop"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=90,
                )  # fmt: skip
        if getattr(self, "workdir", None) and self.workdir.exists():
            shutil.rmtree(self.workdir, ignore_errors=True)

    def server_log(self) -> str:
        return tail(self.workdir / "server.log", 20)


def find_postgres() -> Path | None:
    """The newest installed server's binaries (Debian keeps them out of PATH)."""

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(x) for x in Path(path).parent.name.split(".") if x.isdigit())

    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists():
            return Path(found)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    return None


@contextlib.contextmanager
def redis_server() -> Iterator[str | None]:
    """A throwaway Redis on 127.0.0.1 (the cache a scaled-out site uses), or None without one."""
    binary = shutil.which("redis-server")
    if binary is None:
        step("redis-server not installed: the PostgreSQL databases use the file cache")
        yield None
        return
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="masthead-modbench-redis-"))
    with (workdir / "redis.log").open("wb") as out:
        server = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly",
             "no", "--dir", str(workdir)],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        atexit.register(stop, server)
        try:
            deadline = time.monotonic() + 20
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                    break
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"redis-server did not start:\n{tail(workdir / 'redis.log')}"
                    )
                time.sleep(0.1)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop(server)
            shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class Database:
    label: str  # "SQLite, large"
    size: int
    env: dict[str, str]
    load: dict[str, Any] = field(default_factory=dict)
    measured: dict[str, Any] = field(default_factory=dict)


def sizes_of(args: argparse.Namespace) -> list[tuple[str, int]]:
    return [("small", SMALL), ("large", args.comments)]


def load_and_measure(
    databases: list[Database], args: argparse.Namespace, deadline: Deadline
) -> None:
    for db in databases:
        step(f"{db.label}: generating and loading {db.size:,} comments")
        db.load = run_child("load", db.env, {"label": db.label, "size": db.size}, deadline)
        log(
            f"#   loaded in {db.load['total s']:.0f} s (rows {db.load['load s']:.0f} s, indexes "
            f"{db.load['index s']:.0f} s, foreign key check {db.load['foreign key check s']:.0f} "
            f"s, ANALYZE {db.load['analyze s']:.0f} s)"
            + (
                f"; comment pages all-visible after VACUUM: {db.load['all-visible %']:.0f}%"
                if "all-visible %" in db.load
                else ""
            )
        )
    params = {"runs": args.runs, "warmups": args.warmups, "budget": args.op_budget}
    with contextlib.ExitStack() as stack:
        children = [
            stack.enter_context(Measurer(db, {"label": db.label, **params}, deadline))
            for db in databases
        ]
        names = children[0].ready["names"]
        assert all(child.ready["names"] == names for child in children)
        for db, child in zip(databases, children, strict=True):
            db.measured = {**child.ready, "ops": [None] * len(names)}
        # One operation at a time, on one database and then the other (the order swapped from
        # one operation to the next): a burst of load from elsewhere on the machine hits both
        # figures of a pair, not one. Each operation keeps its lower median over the rounds.
        for round_ in range(1, args.rounds + 1):
            labels = " and ".join(db.label for db in databases)
            step(f"measuring {labels}, operation by operation, round {round_} of {args.rounds}")
            for index in range(len(names)):
                pairs = list(zip(databases, children, strict=True))
                for db, child in pairs if (index + round_) % 2 else reversed(pairs):
                    result = child.measure(index, with_queries=round_ == 1)
                    kept = db.measured["ops"][index]
                    if kept is None:
                        db.measured["ops"][index] = result
                    elif result["ms"] < kept["ms"]:
                        kept.update(ms=result["ms"], runs=result["runs"])


class Measurer:
    """A measuring process on one database, kept alive between the operations it is asked for."""

    def __init__(self, db: Database, params: dict[str, Any], deadline: Deadline) -> None:
        self.label, self.deadline = db.label, deadline
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(params, handle)
        self.params_path = handle.name
        self.process = subprocess.Popen(
            [PYTHON, str(Path(__file__).resolve()), "--phase", "measure", "--params", handle.name],
            cwd=ROOT,
            env=db.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.ready: dict[str, Any] = {}

    def __enter__(self) -> Measurer:
        self.ready = self.answer("READY")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.process.poll() is None and self.process.stdin:
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
                self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            stop(self.process)  # type: ignore[arg-type]
            os.unlink(self.params_path)

    def measure(self, index: int, *, with_queries: bool) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"op {index} {int(with_queries)}\n")
        self.process.stdin.flush()
        return self.answer("OP")

    def answer(self, tag: str) -> dict[str, Any]:
        """The next line the process prints with this tag (each within --timeout)."""
        assert self.process.stdout is not None
        while True:
            ready, _, _ = select.select([self.process.stdout], [], [], self.deadline.left())
            line = self.process.stdout.readline() if ready else ""
            if not ready:
                continue  # the deadline raises when it is time
            if not line:
                code = self.process.wait()
                raise RuntimeError(f"{self.label}: the measuring process exited ({code})")
            if line.startswith(f"{tag} "):
                return json.loads(line.removeprefix(f"{tag} "))


def bench_sqlite(args: argparse.Namespace, deadline: Deadline) -> list[Database]:
    template = BENCH_DIR / "sqlite-template"
    dirs = [template] + [BENCH_DIR / f"sqlite-{name}" for name, _ in sizes_of(args)]
    for folder in dirs:
        shutil.rmtree(folder, ignore_errors=True)
    try:
        env = bench_env(template)
        step("SQLite: migrating a fresh database and making the newsroom (200 articles)")
        manage(env, deadline, "migrate", "--no-input")
        run_child("setup", env, {"label": "SQLite template"}, deadline)
        with contextlib.closing(sqlite3.connect(template / "masthead.sqlite3")) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        databases = []
        for name, size in sizes_of(args):
            folder = BENCH_DIR / f"sqlite-{name}"
            folder.mkdir(parents=True)
            shutil.copyfile(template / "masthead.sqlite3", folder / "masthead.sqlite3")
            databases.append(Database(f"SQLite, {name}", size, bench_env(folder)))
        shutil.rmtree(template, ignore_errors=True)
        load_and_measure(databases, args, deadline)
        for db in databases:
            path = Path(db.env["VAR_DIR"]) / "masthead.sqlite3"
            db.load["file MB"] = path.stat().st_size / 1e6
        return databases
    finally:
        if not args.keep:
            for folder in dirs:
                shutil.rmtree(folder, ignore_errors=True)
        else:
            step(f"SQLite databases kept under {BENCH_DIR} (--keep)")


def bench_postgres(args: argparse.Namespace, deadline: Deadline, bindir: Path) -> list[Database]:
    cluster = Postgres(bindir)
    atexit.register(cluster.stop)
    var_dir = BENCH_DIR / "postgresql"
    try:
        step(f"PostgreSQL: starting a throwaway cluster ({bindir}) on 127.0.0.1")
        cluster.start()
        with redis_server() as redis_url:
            extra = {"REDIS_URL": redis_url} if redis_url else {}
            cluster.execute("CREATE DATABASE bench_template")
            env = bench_env(var_dir, DATABASE_URL=cluster.url("bench_template"), **extra)
            step("PostgreSQL: migrating a fresh database and making the newsroom (200 articles)")
            manage(env, deadline, "migrate", "--no-input")
            run_child("setup", env, {"label": "PostgreSQL template"}, deadline)
            databases = []
            for name, size in sizes_of(args):
                cluster.execute(f"CREATE DATABASE bench_{name} TEMPLATE bench_template")
                env = bench_env(var_dir, DATABASE_URL=cluster.url(f"bench_{name}"), **extra)
                databases.append(Database(f"PostgreSQL, {name}", size, env))
            load_and_measure(databases, args, deadline)
            return databases
    except BaseException:
        if cluster.running:
            step(f"PostgreSQL server log (last lines):\n{cluster.server_log()}")
        raise
    finally:
        cluster.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


# --- Word lists (in this process: no database) ---------------------------------------------------


def wordlist_rows(runs: int) -> list[tuple[str, float, float]]:
    """(what, µs with 10 entries, µs with 10,000 entries), each the median of `runs` timings."""
    from benchmarks.wordlists import comment_of, made_up_entries
    from masthead.moderation.wordlists import WordList

    rng = random.Random(SEED)
    entries = made_up_entries(10_000, rng)
    words = [entry for entry in entries if " " not in entry]
    phrases = [entry for entry in entries if " " in entry]
    few = [*words[:9], phrases[0]]
    texts = {"small": "\n".join(few), "large": "\n".join(entries)}
    long_comment = comment_of(2000, rng)
    short_comment = "I read the minutes twice; the consultation ran for three weeks in August."
    lists = {size: WordList.from_text(text) for size, text in texts.items()}
    assert len(lists["small"]) == 10 and len(lists["large"]) > 9_900
    for wordlist in lists.values():  # a match would stop early: time the full scan
        assert wordlist.find(long_comment) is None and wordlist.find(short_comment) is None

    def median_us(fn: Callable[[], object], number: int) -> float:
        return statistics.median(timeit.repeat(fn, repeat=runs, number=number)) / number * 1e6

    def parsed_afresh(size: str) -> float:
        # The parse is cached by text: a comment line nobody would match makes each text new.
        counter = iter(range(10**9))
        return median_us(lambda: WordList.from_text(f"{texts[size]}\n# run {next(counter)}"), 1)

    rows = [("WordList.from_text(), not cached", parsed_afresh("small"), parsed_afresh("large"))]
    rows.append(
        (
            "WordList.from_text(), cached",
            median_us(lambda: WordList.from_text(texts["small"]), 2000),
            median_us(lambda: WordList.from_text(texts["large"]), 2000),
        )
    )
    for what, comment in (
        (f"find(), {len(long_comment):,}-character comment", long_comment),
        (f"find(), {len(short_comment)}-character comment", short_comment),
    ):
        rows.append(
            (
                what,
                median_us(lambda c=comment: lists["small"].find(c), 500),
                median_us(lambda c=comment: lists["large"].find(c), 500),
            )
        )
    return rows


# --- Report ------------------------------------------------------------------------------------


def print_backend(name: str, databases: list[Database], args: argparse.Namespace) -> None:
    """The table for one backend."""
    small, large = databases
    by_name = {op["name"]: op for op in large.measured["ops"]}
    log(
        f"\n## {name}: {small.size:,} against {large.size:,} comments "
        f"(median of {args.runs} runs after {args.warmups} warm-ups, the lower of "
        f"{args.rounds} rounds, the databases taking turns; planner statistics from ANALYZE)"
    )
    log(
        f"   readers {small.load['rows']['accounts_user']:,} / "
        f"{large.load['rows']['accounts_user']:,}; decisions "
        f"{small.load['rows']['moderation_decision']:,} / "
        f"{large.load['rows']['moderation_decision']:,}; reports "
        f"{small.load['rows']['community_report']:,} / {large.load['rows']['community_report']:,}"
        + (
            f"; file {small.load['file MB']:.0f} MB / {large.load['file MB']:.0f} MB"
            if "file MB" in large.load
            else ""
        )
    )
    queue_sizes = ", ".join(
        f"{slug} {small.measured['sizes'][slug]:,} / {large.measured['sizes'][slug]:,}"
        for slug in small.measured["sizes"]
        if slug != "comments"
    )
    log(f"   queue sizes, small / large: {queue_sizes}")
    readers = ", ".join(
        f"{who}: {small.measured['readers'][who]:,} / {large.measured['readers'][who]:,} comments"
        for who in small.measured["readers"]
    )
    log(f"   readers measured, small / large: {readers}")
    header = (
        f"{'operation':<50} {'queries':>9} {'items':>9} {'small ms':>9} {'large ms':>9} "
        f"{'large/small':>11}"
    )
    log(header)
    log("-" * len(header))
    for op in small.measured["ops"]:
        other = by_name[op["name"]]
        queries = (
            f"{op['queries']}"
            if op["queries"] == other["queries"]
            else f"{op['queries']}≠{other['queries']}"
        )
        items = f"{op['items']}/{other['items']}"
        if op["name"].startswith("view"):
            items = f"{op['items'] // 1024}K/{other['items'] // 1024}K"
        ratio = other["ms"] / op["ms"]
        mark = "  <-- grows" if ratio > args.explain_above else ""
        log(
            f"{op['name']:<50} {queries:>9} {items:>9} {op['ms']:9.2f} {other['ms']:9.2f} "
            f"{ratio:11.2f}{mark}"
        )


def print_growth(name: str, databases: list[Database], threshold: float) -> None:
    """Every query that grew past `threshold` times its small figure (timed on its own, which is
    far steadier than a whole operation), once per query shape with the operations it serves,
    and its plan on both databases."""
    small, large = databases
    small_ops = {op["name"]: op for op in small.measured["ops"]}
    grown: dict[str, list[tuple[str, int, dict[str, Any], dict[str, Any]]]] = {}
    for op in large.measured["ops"]:
        before, after = small_ops[op["name"]]["details"], op["details"]
        if len(before) != len(after):
            log(f"\n### {name}: {op['name']}: the queries differ between the databases")
            continue
        for index, (was, now) in enumerate(zip(before, after, strict=True)):
            if now["ms"] > threshold * was["ms"] and now["ms"] - was["ms"] > MIN_GROWTH_MS:
                shape = IN_LIST.sub("IN (...)", now["shape"])  # pages have more or fewer authors
                grown.setdefault(shape, []).append((op["name"], index, was, now))
    if not grown:
        log(f"\n### {name}: no query grew more than {threshold:g} times (and {MIN_GROWTH_MS} ms)")
    for hits in sorted(grown.values(), key=lambda h: -max(n["ms"] - w["ms"] for _, _, w, n in h)):
        op_name, index, was, now = max(hits, key=lambda h: h[3]["ms"] - h[2]["ms"])
        log(
            f"\n### {name}: a query that grows: {was['ms']:.2f} ms small, {now['ms']:.2f} ms "
            f"large (x{now['ms'] / was['ms']:.1f}), on its own; worst as query {index + 1} of "
            f"{op_name}"
        )
        others = sorted({hit[0] for hit in hits} - {op_name})
        if others:
            log(f"    also grows under: {', '.join(others)}")
        log(f"    SQL (large): {now['sql']}")
        log("    plan, large:")
        log("\n".join("      " + line for line in now["plan"].splitlines()))
        log("    plan, small:")
        log("\n".join("      " + line for line in was["plan"].splitlines()))


def print_wordlists(rows: list[tuple[str, float, float]]) -> None:
    log("\n## Word lists: 10 entries against 10,000 (median µs per call, same run)")
    header = f"{'operation':<50} {'10 µs':>10} {'10,000 µs':>10} {'ratio':>8}"
    log(header)
    log("-" * len(header))
    for what, small, large in rows:
        log(f"{what:<50} {small:10.1f} {large:10.1f} {large / small:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000, help="the large database")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per operation")
    parser.add_argument("--warmups", type=int, default=3, help="untimed runs first")
    parser.add_argument(
        "--rounds", type=int, default=2, help="measuring rounds, alternating small and large"
    )
    parser.add_argument(
        "--op-budget", type=float, default=30, help="seconds of timed runs per operation, at most"
    )
    parser.add_argument("--timeout", type=float, default=40, help="minutes for the whole run")
    parser.add_argument(
        "--explain-above",
        type=float,
        default=3,
        help="show the plan of any query whose large/small time exceeds this",
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files afterwards")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child_main(args.phase, args.params)
        return
    if args.comments < 2 * SMALL:
        parser.error(f"--comments must be at least {2 * SMALL}")

    # A terminated run still stops its servers and removes its files (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.monotonic()
    deadline = Deadline(args.timeout)
    log(
        f"# machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"--comments {args.comments:,}, --timeout {args.timeout:g} min"
    )
    step("word lists")
    words = wordlist_rows(args.runs)
    failures: list[str] = []
    results: dict[str, list[Database]] = {}
    try:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(STATIC_DIR, ignore_errors=True)
        step("collecting static files once for the admin pages (DEBUG=0)")
        manage(bench_env(BENCH_DIR), deadline, "collectstatic", "--no-input")
        results["SQLite"] = bench_sqlite(args, deadline)
        if args.sqlite_only:
            step("PostgreSQL: skipped (--sqlite-only)")
        elif (bindir := find_postgres()) is None:
            step("PostgreSQL: skipped: no initdb/pg_ctl found (apt-get install postgresql)")
        else:
            results["PostgreSQL"] = bench_postgres(args, deadline, bindir)
    except Exception as exc:
        if isinstance(exc, subprocess.TimeoutExpired):
            exc = TimeoutError(f"--timeout {args.timeout:g} minutes ran out")
        traceback.print_exc()
        failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(STATIC_DIR, ignore_errors=True)
        shutil.rmtree(BENCH_DIR / "cache", ignore_errors=True)
        for folder in (BENCH_DIR, BENCH_DIR.parent):  # var/bench/moderation, var/bench
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: --keep leaves the SQLite files

    for name, databases in results.items():
        print_backend(name, databases, args)
        print_growth(name, databases, args.explain_above)
    print_wordlists(words)
    log(
        f"\ntotal time {time.monotonic() - began:.0f} s; load average "
        f"{os.getloadavg()[0]:.1f} at the end"
    )
    if failures:
        log("FAILED: " + "; ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
