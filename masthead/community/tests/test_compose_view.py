"""Writing a comment or a reply through community:compose, with and without JavaScript."""

import re
from unittest import mock

from django.test import Client
from django.urls import reverse

from masthead.community import scoring
from masthead.community.actions import close_thread
from masthead.community.models import Comment
from masthead.community.tests.base import HTMX, CommunityTestCase, soup, text_of
from masthead.moderation.models import Decision

TEXT = "The quay plan finally makes sense."


class ComposeViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.url = reverse("community:compose", args=[cls.article.pk])
        cls.theirs = cls.comment(cls.second_reader, "The ferry loses out again.")

    def setUp(self) -> None:
        self.client.force_login(self.reader)

    def post(self, body: str = TEXT, **data: str):  # type: ignore[no-untyped-def]
        headers = HTMX if data.pop("htmx", "") else {}
        return self.client.post(self.url, {"body": body, **data}, **headers)

    def assert_kept(self, response, text: str = TEXT) -> None:  # type: ignore[no-untyped-def]
        """The form comes back with the reader's words in it and nothing new is stored."""
        textarea = soup(response).select_one("form.compose textarea[name=body]")
        self.assertEqual(textarea.text, text)
        self.assertFalse(Comment.objects.filter(author=self.reader, body=text).exists())

    def errors(self, response) -> str:  # type: ignore[no-untyped-def]
        page = soup(response)
        return " ".join(text_of(e) for e in page.select(".compose__errors, .compose__error"))

    def test_without_javascript_a_comment_goes_to_its_permalink_and_on_to_its_place(
        self,
    ) -> None:
        response = self.post()
        comment = Comment.objects.get(author=self.reader)
        self.assertEqual(comment.body, TEXT)
        self.assertEqual(comment.status, Comment.Status.PUBLISHED)
        permalink = reverse("community:permalink", args=[comment.pk])
        self.assertRedirects(response, permalink, fetch_redirect_response=False)
        onwards = self.client.get(permalink)
        self.assertEqual(onwards.status_code, 302)
        self.assertTrue(onwards["Location"].startswith(f"{self.article.url}?after="))
        self.assertTrue(onwards["Location"].endswith(f"#comment-{comment.pk}"))
        page = soup(self.client.get(onwards["Location"]))
        self.assertIsNotNone(page.select_one(f"#comment-{comment.pk}"))
        self.assertEqual(text_of(page.select_one(".messages")), "Your comment is published.")

    def test_the_reply_form_page_shows_the_comment_being_answered(self) -> None:
        response = self.client.get(self.url, {"reply_to": self.theirs.pk})
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(text_of(page.h1), "Reply to a comment")
        self.assertEqual(text_of(page.select_one("blockquote")), "The ferry loses out again.")
        form = page.select_one(f"form#compose-{self.theirs.pk}")
        self.assertEqual(form.select_one("input[name=parent]")["value"], str(self.theirs.pk))
        self.assertIn("Replying to Second Reader", text_of(form))

    def test_a_reply_is_posted_under_the_comment_it_answers(self) -> None:
        response = self.post("Not if the berth stays.", parent=str(self.theirs.pk))
        reply = Comment.objects.get(author=self.reader)
        self.assertEqual((reply.parent, reply.root, reply.depth), (self.theirs, self.theirs, 1))
        self.assertRedirects(
            response,
            reverse("community:permalink", args=[reply.pk]),
            fetch_redirect_response=False,
        )

    def test_with_htmx_success_returns_the_whole_section_with_the_comment_and_a_status(
        self,
    ) -> None:
        response = self.post(htmx="yes")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("HX-Retarget", response)
        section = soup(response).select_one("section#community")
        comment = Comment.objects.get(author=self.reader)
        self.assertIsNotNone(section.select_one(f"#comment-{comment.pk}"))
        flash = section.select_one(".community__flash")
        self.assertEqual((flash["role"], flash.text), ("status", "Your comment is published."))
        # A fresh, empty form to write the next one.
        self.assertEqual(section.select_one("form#compose-new textarea").text, "")

    def test_an_empty_comment_is_refused(self) -> None:
        response = self.post("   ")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.errors(response), "Write your comment before posting it.")
        self.assertFalse(Comment.objects.filter(author=self.reader).exists())

    def test_a_comment_too_long_says_by_how_many_characters(self) -> None:
        self.configure(max_length=100)
        text = "x" * 112
        response = self.post(text)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            self.errors(response),
            "Your comment is 112 characters long; the limit is 100. Please shorten it by 12.",
        )
        self.assert_kept(response, text)

    def test_the_same_comment_twice_is_refused(self) -> None:
        self.client.force_login(self.second_reader)
        response = self.post("The ferry loses out again.")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.errors(response), "You have already posted this comment here.")
        textarea = soup(response).select_one("textarea[name=body]")
        self.assertEqual(textarea.text, "The ferry loses out again.")
        self.assertEqual(Comment.objects.filter(author=self.second_reader).count(), 1)

    def test_a_closed_thread_refuses_the_comment(self) -> None:
        close_thread(self.article)
        response = self.post()
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.errors(response), "Comments are closed on this story.")
        self.assert_kept(response)

    def test_a_reader_posting_too_fast_is_told_when_to_try_again(self) -> None:
        self.configure(seconds_between_comments=30)
        self.post("A first thought.")
        response = self.post()
        self.assertEqual(response.status_code, 400)
        self.assertRegex(
            self.errors(response),
            r"^You are commenting faster than we allow\. Please try again in (30|29) seconds\.$",
        )
        self.assert_kept(response)

    def test_a_banned_word_is_refused_with_the_publishers_message_and_logged(self) -> None:
        self.configure(banned_words="grotbag", banned_message="Please keep it clean, friend.")
        text = "What a grotbag of a plan."
        response = self.post(text)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.errors(response), "Please keep it clean, friend.")
        textarea = soup(response).select_one("textarea[name=body]")
        self.assertEqual((textarea.text, textarea["aria-invalid"]), (text, "true"))
        # By design the refusal is on record: the rejected text and the decision about it.
        rejected = Comment.objects.get(author=self.reader)
        self.assertEqual(rejected.status, Comment.Status.REJECTED)
        self.assertEqual(Decision.objects.get(comment=rejected).action, Decision.Action.REJECT)
        self.assertNotContains(self.client.get(self.article.url), "grotbag")

    def test_with_htmx_an_error_replaces_just_the_form(self) -> None:
        response = self.post("   ", htmx="yes")
        self.assertEqual(response.status_code, 200)  # htmx swaps only successful responses
        self.assertEqual(
            (response["HX-Retarget"], response["HX-Reswap"]), ("#compose-new", "outerHTML")
        )
        page = soup(response)
        self.assertIsNone(page.select_one("#community"))
        self.assertEqual(
            text_of(page.select_one("form#compose-new .compose__error")),
            "Write your comment before posting it.",
        )

    def test_with_htmx_an_error_in_a_reply_replaces_that_reply_form(self) -> None:
        close_thread(self.article)
        response = self.post(parent=str(self.theirs.pk), htmx="yes")
        self.assertEqual(response["HX-Retarget"], f"#compose-{self.theirs.pk}")
        self.assertEqual(
            soup(response).select_one(f"form#compose-{self.theirs.pk} textarea").text, TEXT
        )

    def test_a_comment_that_may_break_the_guidelines_is_returned_with_a_warning_first(
        self,
    ) -> None:
        toxic = scoring.Score(0.97, "profanity", "test")
        with mock.patch("masthead.community.scoring.score_comment", return_value=toxic):
            warned = self.post()
            self.assertEqual(warned.status_code, 200)
            form = soup(warned).select_one("form#compose-new")
            self.assertEqual(
                text_of(form.select_one(".compose__warning")),
                self.community().toxicity_warning,
            )
            self.assertEqual(form.select_one("textarea").text, TEXT)
            self.assertEqual(form.select_one("input[name=confirm]")["value"], "True")
            self.assertEqual(text_of(form.select_one("button[type=submit]")), "Post as it is")
            self.assertFalse(Comment.objects.filter(author=self.reader).exists())

            posted = self.post(confirm="True")
        comment = Comment.objects.get(author=self.reader)
        self.assertEqual(comment.status, Comment.Status.PENDING)
        self.assertEqual(Decision.objects.get(comment=comment).rule, "toxicity")
        self.assertRedirects(
            posted, reverse("community:permalink", args=[comment.pk]), target_status_code=302
        )
        page = soup(self.client.get(self.article.url))
        self.assertEqual(text_of(page.select_one(".messages")), self.community().held_message)

    def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(self) -> None:
        self.client.logout()
        login = "/accounts/login/?next=/politics/council-approves-harbour-plan/%23comments"
        for response in (self.client.get(self.url), self.post()):
            self.assertRedirects(response, login, fetch_redirect_response=False)
        self.assertFalse(Comment.objects.filter(body=TEXT).exists())

    def test_a_reader_who_has_not_confirmed_their_address_is_told_so(self) -> None:
        self.client.force_login(self.newcomer)
        response = self.post()
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            self.errors(response), "Confirm your e-mail address before your first comment."
        )
        self.assertEqual(soup(response).select_one("textarea").text, TEXT)
        self.assertFalse(Comment.objects.filter(author=self.newcomer).exists())

    def test_a_post_without_a_csrf_token_is_forbidden(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reader)
        response = client.post(self.url, {"body": TEXT})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Comment.objects.filter(author=self.reader).exists())

    def test_a_reply_to_a_comment_that_does_not_exist_is_not_found(self) -> None:
        self.assertEqual(self.client.get(self.url, {"reply_to": 999999}).status_code, 404)
        self.assertEqual(self.post(parent="999999").status_code, 404)
        self.assertEqual(self.post(parent="nonsense").status_code, 404)
        self.assertFalse(Comment.objects.filter(author=self.reader).exists())

    def test_a_comment_on_an_article_that_does_not_exist_is_not_found(self) -> None:
        url = reverse("community:compose", args=[999999])
        self.assertEqual(self.client.post(url, {"body": TEXT}).status_code, 404)


class ComposeMarkupTests(CommunityTestCase):
    """Whatever a reader types, the article page never carries it as live markup."""

    ATTEMPTS = [
        "<script>alert('script')</script>",
        "[click me](javascript:alert('link'))",
        "[encoded](jav&#x61;script:alert('entity'))",
        "<img src=x onerror=alert('img')>",
        '<a href="#" onclick="alert(\'click\')">hi</a>',
        "**bold <b onmouseover=alert('hover')>",
        "</textarea></div></section><script>alert('breakout')</script>",
        "<svg/onload=alert('svg')>",
        "<!-- <script>alert('comment')</script> -->",
    ]

    def test_attempts_at_markup_reach_the_page_only_as_text(self) -> None:
        self.client.force_login(self.reader)
        url = reverse("community:compose", args=[self.article.pk])
        for n, attempt in enumerate(self.ATTEMPTS):
            response = self.client.post(url, {"body": f"{n}: {attempt}"})
            self.assertEqual(response.status_code, 302, attempt)
        html = self.client.get(self.article.url).content.decode()
        page = soup(self.client.get(self.article.url))
        section = page.select_one("section#community")
        # The broken markup closed nothing: the section still ends with its own dialog.
        self.assertIsNotNone(section.select_one("dialog#community-dialog"))
        self.assertEqual(len(section.select(".comment__body")), len(self.ATTEMPTS))
        self.assertEqual(section.select("#comment-list :is(script, img, svg, b, textarea)"), [])
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                self.assertFalse(name.lower().startswith("on"), element)
                if name in ("href", "src"):
                    self.assertNotRegex(str(value).lower(), r"^\s*javascript:", element)
        self.assertIsNone(re.search(r"alert\('\w+'\)\s*</script>", html))
        bodies = " ".join(text_of(body) for body in section.select(".comment__body"))
        self.assertIn("<script>alert('script')</script>", bodies)  # shown as what was typed
        self.assertIn("<img src=x onerror=alert('img')>", bodies)
