"""The illegal-content notice form (EU DSA Art. 16), open to everyone."""

from django.core import mail
from django.urls import reverse

from masthead.community.models import IllegalContentNotice
from masthead.community.tests.base import CommunityTestCase, soup, text_of

URL = reverse("community:notice")


class NoticeViewTests(CommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.theirs = cls.comment(cls.second_reader, "The councillor took a bribe.")

    def valid(self, **fields: str) -> dict[str, str]:
        return {
            "comment_url": f"https://news.example/community/comments/{self.theirs.pk}/",
            "law": "Defamation Act 2013",
            "explanation": "It accuses a named councillor of a crime, without any evidence.",
            "name": "Rea Der",
            "email": "",
            "good_faith": "on",
            **fields,
        }

    def errors(self, response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        found = {}
        for field in soup(response).select(".notice__field--error"):
            name = field.select_one("input, textarea")["name"]
            found[name] = [text_of(error) for error in field.select(".compose__error")]
        return found

    def test_anyone_signed_out_gets_the_form(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        form = soup(response).select_one("form.notice")
        self.assertEqual(
            [field["name"] for field in form.select("input:not([type=hidden]), textarea")],
            ["comment_url", "law", "explanation", "name", "email", "good_faith"],
        )

    def test_from_a_comment_the_form_quotes_it_and_fills_in_its_address(self) -> None:
        page = soup(self.client.get(URL, {"comment": self.theirs.pk}))
        self.assertEqual(text_of(page.blockquote), "The councillor took a bribe.")
        self.assertEqual(
            page.select_one("input[name=comment_url]")["value"],
            f"http://testserver/community/comments/{self.theirs.pk}/",
        )
        self.assertEqual(page.select_one("input[name=comment]")["value"], str(self.theirs.pk))

    def test_a_signed_in_readers_address_is_filled_in(self) -> None:
        self.client.force_login(self.reader)
        page = soup(self.client.get(URL))
        self.assertEqual(page.select_one("input[name=email]")["value"], "reader@example.org")

    def test_every_required_field_says_what_is_missing(self) -> None:
        # A browser always sends every field (and the CSRF token), if only empty.
        blank = dict.fromkeys(["comment_url", "law", "explanation", "name", "email"], "")
        response = self.client.post(URL, blank)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            self.errors(response),
            {
                "comment_url": ["This field is required."],
                "law": ["This field is required."],
                "explanation": ["This field is required."],
                "good_faith": ["Please confirm that you send this notice in good faith."],
            },
        )
        self.assertFalse(IllegalContentNotice.objects.exists())

    def test_an_address_that_is_not_a_url_is_refused_with_a_hint(self) -> None:
        response = self.client.post(URL, self.valid(comment_url="the rude one near the top"))
        self.assertEqual(
            self.errors(response),
            {"comment_url": ["Paste the full address of the comment, starting https://."]},
        )
        # What the notifier wrote elsewhere is kept.
        page = soup(response)
        self.assertEqual(page.select_one("input[name=law]")["value"], "Defamation Act 2013")
        self.assertFalse(IllegalContentNotice.objects.exists())

    def test_a_notice_without_the_good_faith_confirmation_is_refused(self) -> None:
        data = self.valid()
        del data["good_faith"]
        response = self.client.post(URL, data)
        self.assertEqual(
            self.errors(response),
            {"good_faith": ["Please confirm that you send this notice in good faith."]},
        )
        self.assertFalse(IllegalContentNotice.objects.exists())

    def test_a_valid_notice_is_received_and_linked_to_the_comment_its_permalink_names(
        self,
    ) -> None:
        response = self.client.post(URL, self.valid())
        self.assertEqual(response.status_code, 200)
        notice = IllegalContentNotice.objects.get()
        self.assertEqual(notice.status, IllegalContentNotice.Status.RECEIVED)
        self.assertEqual(notice.comment, self.theirs)
        self.assertEqual(
            (notice.law, notice.name, notice.good_faith, notice.notifier),
            ("Defamation Act 2013", "Rea Der", True, None),
        )
        status = soup(response).select_one("[role=status]").get_text()
        self.assertTrue(status.startswith(f"Your reference is {notice.pk}."), status)

    def test_an_article_address_with_the_comment_anchor_links_the_comment_too(self) -> None:
        address = f"https://news.example{self.article.url}#comment-{self.theirs.pk}"
        self.client.post(URL, self.valid(comment_url=address))
        notice = IllegalContentNotice.objects.get()
        self.assertEqual((notice.comment, notice.comment_url), (self.theirs, address))

    def test_an_address_that_names_no_comment_is_kept_unlinked(self) -> None:
        self.client.post(URL, self.valid(comment_url="https://elsewhere.example/post/5"))
        notice = IllegalContentNotice.objects.get()
        self.assertEqual(
            (notice.comment, notice.comment_url), (None, "https://elsewhere.example/post/5")
        )

    def test_a_notice_sent_from_the_comment_is_linked_to_it(self) -> None:
        self.client.post(
            URL, self.valid(comment_url="https://news.example/", comment=str(self.theirs.pk))
        )
        self.assertEqual(IllegalContentNotice.objects.get().comment, self.theirs)

    def test_a_signed_in_notifier_is_recorded(self) -> None:
        self.client.force_login(self.reader)
        self.client.post(URL, self.valid())
        self.assertEqual(IllegalContentNotice.objects.get().notifier, self.reader)

    def test_the_notifier_gets_a_receipt_when_they_give_an_address(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(URL, self.valid(email="rea@example.org"))
        notice = IllegalContentNotice.objects.get()
        self.assertContains(response, "We sent a receipt to rea@example.org")
        [receipt] = mail.outbox
        self.assertEqual(receipt.to, ["rea@example.org"])
        self.assertEqual(receipt.subject, "We received your notice about illegal content")
        self.assertIn("Dear Rea Der,", receipt.body)
        self.assertIn(f"(reference {notice.pk})", receipt.body)
        self.assertIn("The law you named: Defamation Act 2013", receipt.body)
        self.assertIn(notice.comment_url, receipt.alternatives[0].content)

    def test_no_receipt_is_sent_without_an_address(self) -> None:
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(URL, self.valid())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(callbacks, [])
        self.assertEqual(mail.outbox, [])
        self.assertNotContains(response, "We sent a receipt")
