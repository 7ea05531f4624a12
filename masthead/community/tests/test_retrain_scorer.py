"""Retraining the abuse scorer on moderators' decisions, versions, and rolling back.

Training here uses one corpus example in eight (it takes a second, not ten); the model it is
measured against is the real shipped one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone

from masthead.community import scoring, tasks
from masthead.community.actions import thread_for
from masthead.community.models import Comment, ScorerVersion
from masthead.community.scorer import corpus, learning, store, training
from masthead.community.scorer.actions import (
    ScorerError,
    _next_number,
    activate_scorer_version,
    retrain_scorer,
)
from masthead.lib.testing import NewsroomTestCase
from masthead.moderation.models import Decision

CIVIL = [
    "Thanks for the clear report on the {}, it answered my questions.",
    "I went to the meeting about the {} and the officers were helpful.",
    "Does anyone know when the consultation on the {} closes?",
    "Good to see the paper following up on the {} story.",
    "My neighbours and I are split on the {}, but the piece was fair.",
]
ABUSIVE = [
    "Whoever wrote this about the {} is a brainless little toad.",
    "I know where the {} officer lives and he will regret this.",
    "People like you who whine about the {} should be run out of town, scum.",
    "Cheap pills for the {} crowd at pillsnow.example, order today!!!",
    "The {} reporter has nice legs, shame about the writing.",
]
SUBJECTS = [
    "harbour plan",
    "bus cuts",
    "library",
    "school merger",
    "bin strike",
    "flood defences",
    "ring road",
    "market hall",
]


# Stronger regularisation converges in a fraction of the time; the figures are not the point.
FAST = training.Options(hold_c=1.0, category_c=1.0)


def small_corpus() -> list[corpus.Example]:
    return corpus.load()[::8]


class RetrainTests(NewsroomTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.thread = thread_for(self.article)
        self.when = timezone.now() - dt.timedelta(days=1)

    def decide(self, text: str, action: str, reason: str = "") -> Comment:
        """A comment a moderator approved or rejected, as the decision log has it."""
        self.when += dt.timedelta(minutes=1)
        rejected = action == Decision.Action.REJECT
        comment = Comment.objects.create(
            thread=self.thread,
            author=self.reader,
            body=text,
            html=f"<p>{text}</p>",
            status=Comment.Status.REJECTED if rejected else Comment.Status.PUBLISHED,
            created_at=self.when,
        )
        Decision.objects.create(
            comment=comment,
            subject=self.reader,
            moderator=self.moderator,
            action=action,
            reason=reason,
            created_at=self.when,
        )
        return comment

    def moderate(self, count: int) -> None:
        """`count` decisions, half approvals and half rejections, each on a different text."""
        texts = [
            (template.format(subject), abusive)
            for subject in SUBJECTS
            for templates, abusive in ((CIVIL, False), (ABUSIVE, True))
            for template in templates
        ]
        assert count <= len(texts)
        for text, abusive in texts[:count]:
            if abusive:
                self.decide(text, Decision.Action.REJECT, "abusive")
            else:
                self.decide(text, Decision.Action.APPROVE)

    def retrain(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("corpus_examples", small_corpus())
        kwargs.setdefault("options", FAST)
        return retrain_scorer(**kwargs)

    # What counts as an example -----------------------------------------------------------------

    def test_approvals_and_rejections_by_moderators_are_the_examples(self) -> None:
        self.decide("Lovely photo of the quay at dawn.", Decision.Action.APPROVE)
        self.decide(
            "You spineless little worm, nobody wants you here.", Decision.Action.REJECT, "abusive"
        )
        self.decide("Your address is on the parish website, see you soon.", "reject", "harassment")
        site = learning.site_examples(weight=2.0, corpus_examples=[])
        examples = sorted(site.train + site.held_out, key=lambda e: e.text)
        self.assertEqual(
            [(e.hold, e.category, e.weight) for e in examples],
            [(False, "", 2.0), (True, "", 2.0), (True, "harassment", 2.0)],
        )

    def test_automatic_decisions_and_rejections_for_being_off_topic_teach_nothing(self) -> None:
        comment = Comment.objects.create(
            thread=self.thread,
            author=self.reader,
            body="Held by a rule.",
            html="",
            status="pending",
        )
        Decision.objects.create(
            comment=comment, subject=self.reader, rule="toxicity", action="hold"
        )
        self.decide(
            "The moon landing was faked, wake up.", Decision.Action.REJECT, "misinformation"
        )
        self.decide("Anyone watching the snooker tonight?", Decision.Action.REJECT, "off_topic")
        self.assertEqual(learning.site_examples(weight=1.0, corpus_examples=[]).total, 0)

    def test_the_same_text_counts_once_and_the_latest_decision_wins(self) -> None:
        first = self.decide("What a  pathetic article.", Decision.Action.REJECT, "abusive")
        self.decide("WHAT A PATHETIC ARTICLE.", Decision.Action.APPROVE)
        self.when += dt.timedelta(minutes=1)
        Decision.objects.create(
            comment=first,
            moderator=self.moderator,
            action=Decision.Action.RESTORE,
            created_at=self.when,
        )
        site = learning.site_examples(weight=1.0, corpus_examples=[])
        self.assertEqual(site.total, 1)
        self.assertFalse((site.train + site.held_out)[0].hold)

    def test_texts_from_the_corpus_are_left_to_the_corpus(self) -> None:
        example = small_corpus()[0]
        self.decide(example.text, Decision.Action.APPROVE)
        self.assertEqual(learning.site_examples(weight=1.0, corpus_examples=[example]).total, 0)

    # Retraining --------------------------------------------------------------------------------

    @override_settings(COMMENT_SCORER_MIN_DECISIONS=12)
    def test_nothing_changes_until_the_site_has_the_minimum_number_of_decisions(self) -> None:
        self.moderate(11)
        outcome = self.retrain()
        self.assertEqual(outcome.status, "not_enough")
        self.assertIn("11 usable moderator decisions; retraining starts at 12", outcome.message)
        self.assertFalse(ScorerVersion.objects.exists())

    def test_a_worse_candidate_is_recorded_but_not_activated(self) -> None:
        self.moderate(30)
        # Trained on an eighth of the corpus, the candidate cannot match the shipped model.
        outcome = self.retrain(min_decisions=30)
        self.assertEqual(outcome.status, "kept_out", outcome.message)
        shipped, candidate = ScorerVersion.objects.order_by("number")
        self.assertTrue(shipped.shipped and shipped.active)
        self.assertFalse(candidate.active)
        self.assertIsNone(candidate.activated_at)
        self.assertIn("Kept out: corpus AUC", candidate.notes)
        self.assertLess(candidate.figure("corpus", "auc"), shipped.figure("corpus", "auc"))
        # Its training data and figures are on record all the same.
        self.assertEqual(
            candidate.corpus_examples, sum(not corpus.held_out(e.text) for e in small_corpus())
        )
        self.assertEqual(candidate.site_ok + candidate.site_hold + candidate.site_held_out, 30)
        self.assertEqual(candidate.figures["previous"]["label"], "v1")
        self.assertEqual(candidate.figure("site", "examples"), candidate.site_held_out)

    def test_a_better_candidate_replaces_the_active_version(self) -> None:
        self.moderate(30)
        self.record_shipped(active=False)
        worse = self.bad_version()
        with self.captureOnCommitCallbacks(execute=True):
            outcome = self.retrain(min_decisions=30)
        self.assertEqual(outcome.status, "activated", outcome.message)
        worse.refresh_from_db()
        self.assertFalse(worse.active)
        candidate = ScorerVersion.objects.get(active=True)
        self.assertEqual(candidate, outcome.version)
        self.assertIn("Better or as good", candidate.notes)
        previous = candidate.figures["previous"]
        self.assertEqual(previous["label"], worse.label)
        self.assertGreater(candidate.figure("corpus", "auc"), previous["corpus"]["auc"])
        self.assertEqual(cache.get(store.ACTIVE_KEY), candidate.pk)

    def test_with_no_new_decisions_retraining_records_nothing(self) -> None:
        self.moderate(30)
        self.retrain(min_decisions=30)
        count = ScorerVersion.objects.count()
        self.assertEqual(self.retrain(min_decisions=30).status, "unchanged")
        self.assertEqual(ScorerVersion.objects.count(), count)

    @override_settings(COMMENT_SCORER_MIN_DECISIONS=30)
    def test_the_daily_task_retrains(self) -> None:
        from masthead.lib import clock

        self.assertTrue(
            any(p.task is tasks.retrain_scorer and p.seconds == 86400 for p in clock.SCHEDULE)
        )
        self.moderate(30)
        examples = small_corpus()
        with mock.patch.object(corpus, "load", return_value=examples):
            result = tasks.retrain_scorer.enqueue()
        self.assertIn("v2: Kept out", result.return_value)

    def record_shipped(self, *, active: bool) -> ScorerVersion:
        """The shipped model as retraining records it, so it is not recorded again."""
        data = store.SHIPPED_MODEL.read_bytes()
        return ScorerVersion.objects.create(
            number=_next_number(),
            model_file=data,
            digest=hashlib.sha256(data).hexdigest(),
            shipped=True,
            active=active,
        )

    def bad_version(self) -> ScorerVersion:
        """An active version trained on the corpus with its labels the wrong way round."""
        flipped = [
            corpus.Example(e.text, not e.hold, e.category if not e.hold else "insult")
            for e in small_corpus()
            if not corpus.held_out(e.text)
        ]
        flipped = [
            corpus.Example(e.text, e.hold, "insult" if e.hold else "", e.weight) for e in flipped
        ]
        # A category model needs two categories; give one flipped example another.
        flipped[0] = corpus.Example(flipped[0].text, True, "spam")
        data = training.fit(flipped, FAST).to_bytes()
        version = ScorerVersion.objects.create(
            number=_next_number(), model_file=data, digest="flipped"
        )
        activate_scorer_version(self.moderator, version)
        return version

    # Rolling back ------------------------------------------------------------------------------

    def test_a_moderator_rolls_back_to_an_earlier_version(self) -> None:
        self.moderate(30)
        self.record_shipped(active=False)
        self.bad_version()
        self.assertEqual(self.retrain(min_decisions=30).status, "activated")
        earlier = ScorerVersion.objects.get(number=2)
        with self.captureOnCommitCallbacks(execute=True):
            activate_scorer_version(self.moderator, earlier)
        earlier.refresh_from_db()
        self.assertTrue(earlier.active)
        self.assertEqual(ScorerVersion.objects.filter(active=True).count(), 1)
        self.assertEqual(earlier.activated_by, self.moderator)
        self.assertIn("activated by moderator", earlier.notes)
        self.assertEqual(cache.get(store.ACTIVE_KEY), earlier.pk)

    def test_only_those_who_may_moderate_may_roll_back(self) -> None:
        version = ScorerVersion.objects.create(
            number=1, model_file=store.SHIPPED_MODEL.read_bytes(), digest="x"
        )
        for user in (self.editor, self.reader):
            with self.subTest(user.username), self.assertRaises(PermissionDenied):
                activate_scorer_version(user, version)
        version.refresh_from_db()
        self.assertFalse(version.active)

    def test_a_version_without_a_usable_file_cannot_be_activated(self) -> None:
        dropped = ScorerVersion.objects.create(number=1, model_file=None, digest="x")
        broken = ScorerVersion.objects.create(number=2, model_file=b"not a model", digest="y")
        for version in (dropped, broken):
            with self.subTest(version.label), self.assertRaises(ScorerError):
                activate_scorer_version(self.moderator, version)
        self.assertFalse(ScorerVersion.objects.filter(active=True).exists())

    @override_settings(
        COMMENT_SCORER="masthead.community.scoring.LinearScorer",
        COMMENT_SCORER_RECHECK_SECONDS=0,
    )
    def test_every_process_scores_with_the_version_activated_last(self) -> None:
        fresh = mock.patch.dict(scoring._scorers, clear=True)
        fresh.start()
        self.addCleanup(fresh.stop)
        self.assertIn("shipped", scoring.score_comment("Nice one.").scorer)
        version = ScorerVersion.objects.create(
            number=7, model_file=store.SHIPPED_MODEL.read_bytes(), digest="same"
        )
        with self.captureOnCommitCallbacks(execute=True):
            activate_scorer_version(self.moderator, version)
        self.assertEqual(scoring.score_comment("Nice one.").scorer, "masthead-linear v7")

    @override_settings(
        COMMENT_SCORER="masthead.community.scoring.LinearScorer",
        COMMENT_SCORER_RECHECK_SECONDS=0,
    )
    def test_an_unreadable_active_version_gives_way_to_the_shipped_model(self) -> None:
        fresh = mock.patch.dict(scoring._scorers, clear=True)
        fresh.start()
        self.addCleanup(fresh.stop)
        ScorerVersion.objects.create(number=3, model_file=b"damaged", digest="z", active=True)
        with self.assertLogs("masthead.community.scorer.store", "ERROR"):
            score = scoring.score_comment("Nice one.")
        self.assertIn("shipped", score.scorer)
