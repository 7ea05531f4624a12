"""Who may take moderators' decisions, and who may see readers' personal data, as a spec:
readers, writers and sub-editors may not moderate; Moderators, Moderation leads and superusers
may; only Moderation leads (and superusers) see e-mail and IP addresses."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.accounts.models import User
from masthead.community.actions import post_comment, send_notice
from masthead.community.models import Comment, IllegalContentNotice
from masthead.community.tests.base import CommunityTestCase
from masthead.lib.testing import make_user
from masthead.moderation.actions import (
    acknowledge_warning,
    add_note,
    appeal_decision,
    approve_comment,
    ban_reader,
    bulk_decide,
    can_moderate,
    can_see_personal_data,
    claim_comment,
    decide_appeal,
    decide_notice,
    feature_comment,
    lift_restrictions,
    premoderate_reader,
    reject_comment,
    restore_comment,
    review_notice,
    suspend_reader,
    warn_reader,
    watch_story,
)
from masthead.moderation.models import (
    Appeal,
    Claim,
    Decision,
    ModeratorNote,
    Standing,
    Statement,
    Watch,
)

serial = itertools.count()
Act = Callable[[User], object]


class PermissionTestCase(CommunityTestCase):
    """The cast, plus:

    - chief: a superuser in no group; may do anything
    - lead (Moderation leads): moderates, and sees readers' e-mail and IP addresses
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.chief = make_user("chief", is_superuser=True)
        cls.lead = make_user("lead", "Moderation leads")
        cls.configure(suspect_words="lottery", banned_words="scoundrel")

    # Targets, each new, so every action finds something to decide.

    def new_reader(self) -> User:
        return make_user(f"commenter_{next(serial)}", verified=True)

    def posted(self, text: str) -> Comment:
        posted = post_comment(self.new_reader(), self.article, body=f"{text} ({next(serial)})")
        assert posted.comment is not None
        return posted.comment

    def published(self) -> Comment:
        return self.posted("The quay plan finally makes sense.")

    def held(self) -> Comment:
        return self.posted("The lottery pays for the quay.")

    def rejected(self) -> Comment:
        return self.posted("The mayor is a scoundrel.")

    def appeal(self) -> Appeal:
        """Against an automatic decision, which any moderator may review."""
        comment = self.rejected()
        assert comment.author is not None
        statement = Statement.objects.get(comment=comment)
        return appeal_decision(comment.author, statement, note="It was a quotation.")

    def notice(self) -> IllegalContentNotice:
        comment = self.published()
        return send_notice(
            comment=comment,
            comment_url=f"https://courier.example/{comment.anchor()}",
            law="Defamation Act 2013",
            explanation="It is false.",
        )

    def moderating_actions(self) -> dict[str, Act]:
        soon = timezone.now() + dt.timedelta(days=1)
        return {
            "claim_comment": lambda p: claim_comment(p, self.published()),
            "approve_comment": lambda p: approve_comment(p, self.held()),
            "restore_comment": lambda p: restore_comment(p, self.rejected()),
            "reject_comment": lambda p: reject_comment(p, self.published(), reason="spam"),
            "feature_comment": lambda p: feature_comment(p, self.published()),
            "bulk_decide": lambda p: bulk_decide(
                p, [self.held().pk], lambda comment: approve_comment(p, comment)
            ),
            "warn_reader": lambda p: warn_reader(p, self.new_reader()),
            "premoderate_reader": lambda p: premoderate_reader(p, self.new_reader(), reason="spam"),
            "suspend_reader": lambda p: suspend_reader(
                p, self.new_reader(), until=soon, reason="spam"
            ),
            "ban_reader": lambda p: ban_reader(
                p, self.published().author, reason="spam", reject_comments=True
            ),
            "lift_restrictions": lambda p: lift_restrictions(p, self.new_reader()),
            "add_note": lambda p: add_note(p, self.new_reader(), text="Usually fine."),
            "watch_story": lambda p: watch_story(p, self.article),
            "decide_appeal": lambda p: decide_appeal(p, self.appeal(), grant=True),
            "review_notice": lambda p: review_notice(p, self.notice()),
            "decide_notice": lambda p: decide_notice(
                p, self.notice(), remove=True, legal_grounds="Defamation Act 2013", reasoning="."
            ),
        }


class WhoMayModerateTests(PermissionTestCase):
    def test_readers_writers_and_sub_editors_may_not_take_any_decision(self) -> None:
        people = {
            "anonymous": AnonymousUser(),
            "newcomer": self.newcomer,
            "reader": self.reader,
            "writer": self.writer,
            "editor": self.editor,
        }
        for who, person in people.items():
            for name, act in self.moderating_actions().items():
                with self.subTest(who=who, action=name), self.assertRaises(PermissionDenied):
                    act(person)  # type: ignore[arg-type]
        # Nothing was decided, claimed, noted, watched or restricted on the way.
        self.assertFalse(Decision.objects.filter(moderator__isnull=False).exists())
        self.assertEqual(
            [model.objects.count() for model in (Claim, Watch, ModeratorNote, Standing)],
            [0, 0, 0, 0],
        )
        self.assertFalse(Appeal.objects.exclude(status=Appeal.Status.PENDING).exists())
        self.assertFalse(
            IllegalContentNotice.objects.exclude(
                status=IllegalContentNotice.Status.RECEIVED
            ).exists()
        )
        self.assertFalse(Comment.objects.filter(featured=True).exists())
        self.assertEqual(
            Statement.objects.count(), Comment.objects.filter(status="rejected").count()
        )

    def assertMayTakeEveryDecision(self, person: User) -> None:
        for name, act in self.moderating_actions().items():
            with self.subTest(action=name):
                act(person)
        self.assertEqual(
            set(Decision.objects.filter(moderator=person).values_list("action", flat=True)),
            {
                "approve",
                "restore",
                "reject",
                "feature",
                "warn",
                "premoderate",
                "suspend",
                "ban",
                "lift",
                "appeal_granted",
                "notice",
            },
        )
        self.assertTrue(Watch.objects.filter(moderator=person).exists())
        self.assertTrue(ModeratorNote.objects.filter(author=person).exists())
        self.assertTrue(Claim.objects.filter(moderator=person).exists())

    def test_a_moderator_may_take_every_decision(self) -> None:
        self.assertMayTakeEveryDecision(self.moderator)

    def test_a_superuser_may_take_every_decision(self) -> None:
        self.assertMayTakeEveryDecision(self.chief)

    def test_a_moderation_lead_may_take_every_decision(self) -> None:
        self.assertMayTakeEveryDecision(self.lead)

    def test_a_deactivated_moderator_may_no_longer_moderate(self) -> None:
        User.objects.filter(pk=self.moderator.pk).update(is_active=False)
        former = User.objects.get(pk=self.moderator.pk)
        self.assertFalse(can_moderate(former))
        with self.assertRaises(PermissionDenied):
            reject_comment(former, self.published(), reason="spam")

    def test_can_moderate_says_who_may(self) -> None:
        self.assertEqual(
            {
                who: can_moderate(person)  # type: ignore[arg-type]
                for who, person in {
                    "anonymous": AnonymousUser(),
                    "reader": self.reader,
                    "writer": self.writer,
                    "editor": self.editor,
                    "moderator": self.moderator,
                    "lead": self.lead,
                    "chief": self.chief,
                }.items()
            },
            {
                "anonymous": False,
                "reader": False,
                "writer": False,
                "editor": False,
                "moderator": True,
                "lead": True,
                "chief": True,
            },
        )


class ReadersOwnActionsTests(PermissionTestCase):
    def test_only_the_reader_a_decision_concerns_may_appeal_it(self) -> None:
        comment = self.rejected()
        statement = Statement.objects.get(comment=comment)
        for person in (self.reader, self.moderator, self.chief):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                appeal_decision(person, statement, note="Unfair.")
        self.assertFalse(Appeal.objects.exists())

    def test_only_the_warned_reader_may_acknowledge_a_warning(self) -> None:
        warning = warn_reader(self.moderator, self.reader)
        for person in (self.second_reader, self.moderator, self.chief):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                acknowledge_warning(person, warning)
        warning.refresh_from_db()
        self.assertIsNone(warning.acknowledged_at)


class PersonalDataTests(PermissionTestCase):
    def test_only_moderation_leads_and_superusers_see_personal_data(self) -> None:
        self.assertEqual(
            {
                who: can_see_personal_data(person)  # type: ignore[arg-type]
                for who, person in {
                    "anonymous": AnonymousUser(),
                    "reader": self.reader,
                    "writer": self.writer,
                    "editor": self.editor,
                    "moderator": self.moderator,
                    "lead": self.lead,
                    "chief": self.chief,
                }.items()
            },
            {
                "anonymous": False,
                "reader": False,
                "writer": False,
                "editor": False,
                "moderator": False,
                "lead": True,
                "chief": True,
            },
        )

    def test_a_moderator_made_a_lead_sees_personal_data(self) -> None:
        self.moderator.groups.add(Group.objects.get(name="Moderation leads"))
        self.assertTrue(can_see_personal_data(User.objects.get(pk=self.moderator.pk)))


class GroupTests(PermissionTestCase):
    """What the migrations give each newsroom group."""

    def permissions_of(self, group: str) -> set[str]:
        return {
            f"{app}.{codename}"
            for app, codename in Group.objects.get(name=group).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }

    def test_moderators_may_change_comments_but_not_see_personal_data(self) -> None:
        granted = self.permissions_of("Moderators")
        self.assertIn("community.change_comment", granted)
        self.assertNotIn("moderation.view_personal_data", granted)

    def test_moderation_leads_may_moderate_see_personal_data_and_set_the_rules(self) -> None:
        self.assertLessEqual(
            {
                "wagtailadmin.access_admin",
                "community.change_comment",
                "community.change_communitysettings",
                "moderation.change_moderationsettings",
                "moderation.view_personal_data",
            },
            self.permissions_of("Moderation leads"),
        )

    def test_writers_and_sub_editors_may_not_change_comments(self) -> None:
        for group in ("Writers", "Sub-editors"):
            with self.subTest(group=group):
                granted = self.permissions_of(group)
                self.assertNotIn("community.change_comment", granted)
                self.assertNotIn("moderation.view_personal_data", granted)

    def test_the_personal_data_permission_is_described_in_words(self) -> None:
        permission = Permission.objects.get(
            content_type__app_label="moderation", codename="view_personal_data"
        )
        self.assertEqual(
            permission.name,
            "Can see readers' e-mail addresses and IP addresses in the moderation area",
        )
