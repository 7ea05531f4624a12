"""A reader with a history, built through the community's own actions, for export and erasure."""

from __future__ import annotations

from wagtail.models import Site

from masthead.community import actions as community
from masthead.community.models import (
    Comment,
    CommunitySettings,
    IllegalContentNotice,
    Report,
    ReportReason,
)
from masthead.lib.testing import NewsroomTestCase
from masthead.moderation.models import Decision


class ReaderHistoryTestCase(NewsroomTestCase):
    """The shared cast, plus what the reader has done in the community:

    - answered: the reader's comment, edited once, with a reply from second_reader
    - reply: second_reader's answer to it, recommended by nobody
    - lonely: the reader's comment nobody answered
    - theirs: second_reader's comment, recommended and reported by the reader
    - notice: an illegal-content notice the reader sent about `theirs`, signed in
    - rejection: a moderator's decision about `lonely`, with the moderator's private note
    """

    answered: Comment
    reply: Comment
    lonely: Comment
    theirs: Comment
    report: Report
    notice: IllegalContentNotice
    rejection: Decision

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        settings = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        # Screening is tested in the community app; here every comment is published at once.
        settings.seconds_between_comments = 0
        settings.seconds_between_comments_new_reader = 0
        settings.save()

        cls.answered = cls.comment(cls.reader, "The quay plan finally makes sense.")
        cls.answered = community.edit_comment(
            cls.reader, cls.answered, body="The quay plan finally makes sense to me."
        )
        cls.reply = cls.comment(cls.second_reader, "Not to me: the ferry loses out.", cls.answered)
        cls.lonely = cls.comment(cls.reader, "Nobody will answer this one.")
        cls.theirs = cls.comment(cls.second_reader, "Second reader's own view of the vote.")
        community.recommend_comment(cls.reader, cls.theirs)
        cls.report = community.report_comment(
            cls.reader,
            cls.theirs,
            reason=ReportReason.objects.get(code="off-topic"),
            note="This is about the ferry, not the quay.",
        )
        cls.notice = community.send_notice(
            comment=cls.theirs,
            comment_url=f"http://testserver/community/comments/{cls.theirs.pk}/",
            law="Defamation Act 2013",
            explanation="It names a councillor and says something untrue.",
            name="Rea Der",
            email="reader@example.org",
            notifier=cls.reader,
        )
        cls.rejection = Decision.objects.create(
            comment=cls.lonely,
            subject=cls.reader,
            moderator=cls.moderator,
            action=Decision.Action.REJECT,
            reason="off_topic",
            detail={"note": "Moderator's private note"},
        )

    @classmethod
    def comment(cls, author, text, parent=None):  # type: ignore[no-untyped-def]
        posted = community.post_comment(
            author, cls.article, body=text, parent=parent, ip="192.0.2.10"
        )
        assert posted.comment is not None and posted.outcome == "published", posted
        return posted.comment
