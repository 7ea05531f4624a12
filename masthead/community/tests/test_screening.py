from unittest import mock

from django.core.cache import cache
from wagtail.models import Site

from masthead.community import scoring
from masthead.community.actions import CommunityError, post_comment
from masthead.community.models import Comment, CommunitySettings
from masthead.lib.testing import NewsroomTestCase, make_user
from masthead.moderation.models import Decision


def scored(probability: float):  # type: ignore[no-untyped-def]
    return mock.patch(
        "masthead.community.scoring.score_comment",
        return_value=scoring.Score(probability, "profanity" if probability > 0.5 else "", "test"),
    )


class ScreeningTests(NewsroomTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.settings = CommunitySettings.for_site(Site.objects.get(is_default_site=True))

    def configure(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self.settings, name, value)
        self.settings.save()

    def post(self, text: str, *, author=None, **kwargs):  # type: ignore[no-untyped-def]
        return post_comment(author or self.reader, self.article, body=text, **kwargs)

    def decision(self) -> Decision:
        return Decision.objects.latest("created_at")

    def test_banned_words_reject_with_a_message_to_the_writer(self) -> None:
        self.configure(banned_words="grotbag\nsome phrase")
        posted = self.post("What a GROTBAG of a plan.")
        self.assertEqual(posted.outcome, "rejected")
        self.assertEqual(posted.message, self.settings.banned_message)
        self.assertEqual(posted.comment.status, Comment.Status.REJECTED)
        self.assertEqual(
            (self.decision().rule, self.decision().detail["matched"]), ("banned_words", "grotbag")
        )

    def test_suspect_words_hold_for_review(self) -> None:
        self.configure(suspect_words="lottery")
        posted = self.post("Win the lottery today.")
        self.assertEqual(posted.outcome, "held")
        self.assertEqual(self.decision().rule, "suspect_words")

    def test_more_links_than_allowed_are_held(self) -> None:
        self.configure(max_links=1)
        posted = self.post("See https://a.example and https://b.example for more.")
        self.assertEqual((posted.outcome, self.decision().rule), ("held", "links"))
        self.assertEqual(self.decision().detail["links"], 2)

    def test_a_readers_first_comments_are_held(self) -> None:
        self.configure(hold_first_comments=1)
        fresh = make_user("fresh", verified=True)
        first = self.post("My first comment here.", author=fresh)
        self.assertEqual((first.outcome, self.decision().rule), ("held", "new_commenter"))
        Comment.objects.filter(pk=first.comment.pk).update(status=Comment.Status.PUBLISHED)
        self.assertEqual(self.post("And my second.", author=fresh).outcome, "published")

    def test_a_toxic_comment_is_first_returned_to_its_writer_then_held_if_posted_anyway(
        self,
    ) -> None:
        with scored(0.97):
            warned = self.post("Something nasty.")
            self.assertEqual((warned.outcome, warned.comment), ("confirm", None))
            self.assertEqual(warned.message, self.settings.toxicity_warning)
            self.assertFalse(Comment.objects.exists())
            held = self.post("Something nasty.", confirmed=True)
        self.assertEqual(held.outcome, "held")
        decision = self.decision()
        self.assertEqual((decision.rule, decision.detail["score"]), ("toxicity", 0.97))
        self.assertEqual(decision.detail["category"], "profanity")

    def test_a_failing_scorer_holds_the_comment_never_publishing_it_unscreened(self) -> None:
        failure = scoring.ScorerUnavailable("the model file is missing")
        with mock.patch("masthead.community.scoring.score_comment", side_effect=failure):
            posted = self.post("An ordinary remark.")
        self.assertEqual(posted.outcome, "held")
        self.assertEqual(posted.comment.body, "An ordinary remark.")
        self.assertEqual(self.decision().rule, "scorer_unavailable")

    def test_the_same_text_again_within_minutes_is_held(self) -> None:
        other = self.article.get_parent().specific
        from masthead.lib.testing import make_article

        elsewhere = make_article(other, title="Another article")
        post_comment(self.reader, elsewhere, body="Buy my book at my site.")
        cache.clear()  # not the rate limit we are testing
        posted = self.post("Buy my book at my site.")
        self.assertEqual((posted.outcome, self.decision().rule), ("held", "repeat"))

    def test_rules_run_in_the_promised_order(self) -> None:
        self.configure(banned_words="grotbag", suspect_words="lottery", max_links=0)
        with scored(0.99):
            posted = self.post("grotbag lottery https://example.org", confirmed=True)
        self.assertEqual(self.decision().rule, "banned_words")
        self.assertEqual(posted.outcome, "rejected")

    def test_a_reader_posting_too_fast_is_told_when_to_try_again(self) -> None:
        self.configure(seconds_between_comments=30)
        self.post("First thought.")
        with self.assertRaises(CommunityError) as raised:
            self.post("Second thought.")
        self.assertGreater(raised.exception.retry_after, 0)
        self.assertIn("try again in", raised.exception.message)
        self.assertEqual(Comment.objects.count(), 1)

    def test_new_accounts_wait_longer_between_comments(self) -> None:
        from django.utils import timezone

        self.configure(seconds_between_comments=0, seconds_between_comments_new_reader=60)
        newbie = make_user("newbie", verified=True, date_joined=timezone.now())
        with scored(0.01):  # the rate limit is the point, not what the scorer makes of "Hello"
            self.post("Hello all.", author=newbie)
            with self.assertRaises(CommunityError):
                self.post("Hello again.", author=newbie)
            self.post("Veteran one.", author=self.second_reader)
            self.post("Veteran two.", author=self.second_reader)

    def test_held_comments_count_towards_the_rate_limit_too(self) -> None:
        self.configure(seconds_between_comments=30, suspect_words="lottery")
        self.assertEqual(self.post("lottery one").outcome, "held")
        with self.assertRaises(CommunityError):
            self.post("lottery two")

    def test_an_address_posting_for_many_accounts_is_limited(self) -> None:
        self.configure(seconds_between_comments=0, comments_per_hour_per_ip=2)
        self.post("One.", ip="198.51.100.7")
        self.post("Two.", ip="198.51.100.7", author=self.second_reader)
        with self.assertRaises(CommunityError):
            self.post("Three.", ip="198.51.100.7")
        self.post("From elsewhere.", ip="198.51.100.8")
