import json

from allauth.account.models import EmailAddress

from masthead.accounts.actions import export_data
from masthead.accounts.tests.base import ReaderHistoryTestCase
from masthead.community.models import Comment


class ExportDataTests(ReaderHistoryTestCase):
    def test_it_is_plain_json(self) -> None:
        data = export_data(self.reader)
        self.assertEqual(json.loads(json.dumps(data)), data)
        self.assertEqual(data["format"], "masthead-reader-data")

    def test_it_has_the_account_but_never_the_password_hash(self) -> None:
        account = export_data(self.reader)["account"]
        self.assertEqual(account["display_name"], "Reader")
        self.assertEqual(account["email"], "reader@example.org")
        self.assertTrue(account["reply_notifications"])
        self.assertIn("date_joined", account)
        self.assertNotIn("password", account)
        self.assertNotIn(self.reader.password, json.dumps(export_data(self.reader)))

    def test_it_lists_every_email_address_with_whether_it_is_confirmed(self) -> None:
        EmailAddress.objects.create(user=self.reader, email="old@example.org", verified=False)
        self.assertEqual(
            export_data(self.reader)["email_addresses"],
            [
                {"email": "reader@example.org", "verified": True, "primary": True},
                {"email": "old@example.org", "verified": False, "primary": False},
            ],
        )

    def test_it_has_each_comment_with_its_article_status_text_times_and_revisions(self) -> None:
        comments = {c["id"]: c for c in export_data(self.reader)["comments"]}
        self.assertEqual(set(comments), {self.answered.pk, self.lonely.pk})
        answered = comments[self.answered.pk]
        self.assertEqual(answered["text"], "The quay plan finally makes sense to me.")
        self.assertEqual(answered["status"], "published")
        self.assertEqual(answered["article"]["title"], "Council approves harbour plan")
        self.assertTrue(answered["article"]["url"].endswith(self.article.url))
        self.assertTrue(answered["url"].endswith(f"/community/comments/{self.answered.pk}/"))
        self.assertEqual(answered["created_at"], self.answered.created_at.isoformat())
        self.assertEqual(answered["edited_at"], self.answered.edited_at.isoformat())
        self.assertEqual(answered["ip_address"], "192.0.2.10")
        self.assertEqual(
            [v["text"] for v in answered["previous_versions"]],
            ["The quay plan finally makes sense."],
        )
        self.assertEqual(comments[self.lonely.pk]["previous_versions"], [])

    def test_it_includes_comments_nobody_else_can_see(self) -> None:
        Comment.objects.filter(pk=self.lonely.pk).update(status=Comment.Status.REJECTED)
        statuses = {c["id"]: c["status"] for c in export_data(self.reader)["comments"]}
        self.assertEqual(statuses[self.lonely.pk], "rejected")

    def test_it_lists_recommendations_reports_and_notices_the_reader_made(self) -> None:
        data = export_data(self.reader)
        self.assertEqual(len(data["recommendations"]), 1)
        self.assertTrue(
            data["recommendations"][0]["comment_url"].endswith(f"/comments/{self.theirs.pk}/")
        )
        self.assertEqual(
            [(r["reason"], r["note"]) for r in data["reports"]],
            [("Off topic", "This is about the ferry, not the quay.")],
        )
        [notice] = data["illegal_content_notices"]
        self.assertEqual(notice["law"], "Defamation Act 2013")
        self.assertEqual(notice["explanation"], "It names a councillor and says something untrue.")
        self.assertEqual((notice["name"], notice["email"]), ("Rea Der", "reader@example.org"))

    def test_it_has_decisions_about_the_reader_without_moderators_or_their_notes(self) -> None:
        decisions = export_data(self.reader)["moderation_decisions"]
        self.assertEqual(
            [(d["action"], d["decided_by"]) for d in decisions][-1],
            ("reject", "a moderator"),
        )
        self.assertEqual(decisions[-1]["reason"], "off_topic")
        self.assertEqual(decisions[0]["decided_by"], "automatic rule: screening")
        text = json.dumps(decisions)
        self.assertNotIn("Moderator's private note", text)
        self.assertNotIn("moderator@example.org", text)
        self.assertNotIn(self.moderator.display_name, text)
        self.assertTrue(all("moderator" not in d and "detail" not in d for d in decisions))

    def test_it_leaves_out_what_other_readers_wrote(self) -> None:
        text = json.dumps(export_data(self.reader))
        self.assertNotIn("Not to me: the ferry loses out.", text)  # the reply to the reader
        self.assertNotIn("Second reader's own view", text)  # the comment they recommended
        self.assertNotIn("second_reader", text)
        self.assertNotIn("Second Reader", text)

    def test_another_readers_export_has_none_of_the_readers_data(self) -> None:
        data = export_data(self.second_reader)
        self.assertEqual({c["id"] for c in data["comments"]}, {self.reply.pk, self.theirs.pk})
        self.assertEqual((data["recommendations"], data["reports"]), ([], []))
        self.assertEqual(data["illegal_content_notices"], [])
        self.assertNotIn('"reader@example.org"', json.dumps(data))
        self.assertNotIn("The quay plan", json.dumps(data))

    def test_it_has_the_readers_contributions(self) -> None:
        from masthead.support.actions import complete_test_contribution, start_contribution

        with self.captureOnCommitCallbacks(execute=True):
            contribution = start_contribution(
                reader=self.reader, email=self.reader.email, amount=1000, frequency="one_off"
            )
            complete_test_contribution(contribution)
        [exported] = export_data(self.reader)["contributions"]
        self.assertEqual(
            {k: exported[k] for k in ("amount", "currency", "frequency", "status", "test_mode")},
            {
                "amount": 10.0,
                "currency": "EUR",
                "frequency": "one_off",
                "status": "paid",
                "test_mode": True,
            },
        )
        self.assertTrue(exported["paid_at"])
