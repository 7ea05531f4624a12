"""Claims: a moderator holds a comment while deciding it, so two never decide the same card."""

import datetime as dt

import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.community.models import Comment
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    Claimed,
    approve_comment,
    bulk_decide,
    claim_comment,
    reject_comment,
    release_claim,
)
from masthead.moderation.models import Claim, Decision

FIVE_MINUTES = dt.timedelta(minutes=5)


class ClaimTests(CommunityTestCase):
    """The cast, plus sam (Moderators), a second moderator working the same queue."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sam = make_user(
            "sam", "Moderators", display_name="Sam Reyes", first_name="Sam", last_name="Reyes"
        )
        cls.theirs = cls.comment(cls.reader, "The quay plan finally makes sense.")

    def holder(self) -> Claim:
        return Claim.objects.select_related("moderator").get(comment=self.theirs)

    def decisions_by_people(self) -> list[str]:
        return list(
            Decision.objects.filter(comment=self.theirs, moderator__isnull=False).values_list(
                "action", flat=True
            )
        )

    def test_a_moderator_holds_a_comment_for_the_claim_time(self) -> None:
        now = timezone.now()
        claim = claim_comment(self.moderator, self.theirs, now=now)
        self.assertEqual((claim.moderator, claim.expires_at), (self.moderator, now + FIVE_MINUTES))
        self.assertEqual(
            (self.holder().moderator, self.holder().expires_at),
            (self.moderator, now + FIVE_MINUTES),
        )

    def test_a_second_moderator_cannot_claim_it_and_is_told_who_holds_it(self) -> None:
        now = timezone.now()
        claim_comment(self.sam, self.theirs, now=now)
        with self.assertRaises(Claimed) as caught:
            claim_comment(self.moderator, self.theirs, now=now + dt.timedelta(minutes=1))
        until = timezone.localtime(now + FIVE_MINUTES)
        self.assertEqual(
            caught.exception.message, f"Sam Reyes is deciding this comment (until {until:%H:%M})."
        )
        self.assertEqual(caught.exception.claim.moderator, self.sam)
        self.assertEqual(
            (self.holder().moderator, self.holder().expires_at), (self.sam, now + FIVE_MINUTES)
        )
        self.assertEqual(Claim.objects.count(), 1)

    def test_an_expired_claim_lets_another_moderator_take_the_comment(self) -> None:
        now = timezone.now()
        claim_comment(self.sam, self.theirs, now=now)
        later = now + FIVE_MINUTES + dt.timedelta(seconds=1)
        claim = claim_comment(self.moderator, self.theirs, now=later)
        self.assertEqual(claim.moderator, self.moderator)
        self.assertEqual(
            (self.holder().moderator, self.holder().expires_at),
            (self.moderator, later + FIVE_MINUTES),
        )
        with self.assertRaises(Claimed):
            claim_comment(self.sam, self.theirs, now=later + dt.timedelta(minutes=1))

    def test_a_claim_ends_at_its_expiry_time_exactly(self) -> None:
        now = timezone.now()
        claim_comment(self.sam, self.theirs, now=now)
        claim_comment(self.moderator, self.theirs, now=now + FIVE_MINUTES)
        self.assertEqual(self.holder().moderator, self.moderator)

    def test_claiming_again_renews_ones_own_claim(self) -> None:
        now = timezone.now()
        claim_comment(self.moderator, self.theirs, now=now)
        claim_comment(self.moderator, self.theirs, now=now + dt.timedelta(minutes=3))
        self.assertEqual(self.holder().expires_at, now + dt.timedelta(minutes=8))
        with self.assertRaises(Claimed):
            claim_comment(self.sam, self.theirs, now=now + dt.timedelta(minutes=6))
        self.assertEqual(Claim.objects.count(), 1)

    def test_the_claim_time_is_a_setting(self) -> None:
        from masthead.moderation.actions import moderation_settings

        settings = moderation_settings()
        settings.claim_minutes = 15
        settings.save()
        now = timezone.now()
        claim_comment(self.moderator, self.theirs, now=now)
        self.assertEqual(self.holder().expires_at, now + dt.timedelta(minutes=15))

    def test_releasing_a_claim_frees_the_comment_for_others(self) -> None:
        claim_comment(self.sam, self.theirs)
        release_claim(self.sam, self.theirs)
        self.assertFalse(Claim.objects.exists())
        claim_comment(self.moderator, self.theirs)
        self.assertEqual(self.holder().moderator, self.moderator)

    def test_only_the_holder_can_release_a_claim(self) -> None:
        claim_comment(self.sam, self.theirs)
        release_claim(self.moderator, self.theirs)
        self.assertEqual(self.holder().moderator, self.sam)
        with self.assertRaises(Claimed):
            claim_comment(self.moderator, self.theirs)

    def test_another_moderator_cannot_decide_a_claimed_comment(self) -> None:
        claim_comment(self.sam, self.theirs)
        with self.assertRaisesMessage(Claimed, "Sam Reyes is deciding this comment"):
            reject_comment(self.moderator, self.theirs, reason="spam")
        with self.assertRaises(Claimed):
            approve_comment(self.moderator, self.theirs)
        self.theirs.refresh_from_db()
        self.assertEqual(
            (self.theirs.status, self.theirs.reviewed_at), (Comment.Status.PUBLISHED, None)
        )
        self.assertEqual(self.decisions_by_people(), [])
        self.assertEqual(self.holder().moderator, self.sam)

    def test_another_moderator_may_decide_once_the_claim_expires(self) -> None:
        claim_comment(self.sam, self.theirs)
        with time_machine.travel(timezone.now() + FIVE_MINUTES + dt.timedelta(seconds=1)):
            reject_comment(self.moderator, self.theirs, reason="spam")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertEqual(self.decisions_by_people(), [Decision.Action.REJECT])
        self.assertFalse(Claim.objects.exists())

    def test_the_holder_decides_and_the_claim_is_released(self) -> None:
        claim_comment(self.sam, self.theirs)
        reject_comment(self.sam, self.theirs, reason="off_topic")
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.status, Comment.Status.REJECTED)
        self.assertFalse(Claim.objects.exists())
        # Free again: someone else can now take a second look.
        claim_comment(self.moderator, self.theirs)
        self.assertEqual(self.holder().moderator, self.moderator)

    def test_the_holders_approval_releases_the_claim_too(self) -> None:
        claim_comment(self.sam, self.theirs)
        approve_comment(self.sam, self.theirs)
        self.theirs.refresh_from_db()
        self.assertIsNotNone(self.theirs.reviewed_at)
        self.assertEqual(self.decisions_by_people(), [Decision.Action.APPROVE])
        self.assertFalse(Claim.objects.exists())

    def test_a_bulk_decision_skips_a_comment_another_moderator_holds(self) -> None:
        other = self.comment(self.second_reader, "The ferry loses out again.")
        claim_comment(self.sam, self.theirs)
        done, problems = bulk_decide(
            self.moderator,
            [self.theirs.pk, other.pk],
            lambda comment: reject_comment(self.moderator, comment, reason="spam"),
        )
        self.assertEqual(done, 1)
        self.assertEqual(len(problems), 1)
        self.assertTrue(
            problems[0].startswith(f"Comment {self.theirs.pk}: Sam Reyes is deciding this comment")
        )
        self.theirs.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(
            (self.theirs.status, other.status), (Comment.Status.PUBLISHED, Comment.Status.REJECTED)
        )

    def test_comments_are_claimed_one_by_one(self) -> None:
        other = self.comment(self.second_reader, "The ferry loses out again.")
        claim_comment(self.sam, self.theirs)
        claim_comment(self.moderator, other)
        self.assertEqual(
            dict(Claim.objects.values_list("comment_id", "moderator_id")),
            {self.theirs.pk: self.sam.pk, other.pk: self.moderator.pk},
        )

    def test_readers_writers_and_editors_cannot_claim_a_comment(self) -> None:
        for person in (self.reader, self.newcomer, self.writer, self.editor):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                claim_comment(person, self.theirs)
        self.assertFalse(Claim.objects.exists())
