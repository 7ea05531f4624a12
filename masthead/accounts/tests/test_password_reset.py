import re

from django.core import mail

from masthead.lib.testing import NewsroomTestCase


class PasswordResetTests(NewsroomTestCase):
    def ask(self, email: str):  # type: ignore[no-untyped-def]
        return self.client.post("/accounts/password/reset/", {"email": email}, follow=True)

    def test_an_unknown_address_looks_the_same_as_a_known_one(self) -> None:
        known = self.ask("reader@example.org")
        unknown = self.ask("nobody@example.org")
        self.assertEqual(known.redirect_chain, unknown.redirect_chain)
        self.assertEqual(known.content, unknown.content)
        self.assertContains(known, "Check your inbox")
        # Both get an e-mail: one with a link, one saying there is no account.
        self.assertEqual(
            [m.to for m in mail.outbox], [["reader@example.org"], ["nobody@example.org"]]
        )
        self.assertIn("/accounts/password/reset/key/", mail.outbox[0].body)
        self.assertNotIn("/accounts/password/reset/key/", mail.outbox[1].body)

    def test_the_link_sets_a_new_password(self) -> None:
        self.ask("reader@example.org")
        link = re.search(r"(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
        assert link is not None
        form = self.client.get(link.group(1), follow=True)
        self.assertContains(form, "Choose a new password")
        new = "a brand new harbour password"
        done = self.client.post(
            form.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True
        )
        self.assertContains(done, "Your password is changed")
        self.reader.refresh_from_db()
        self.assertTrue(self.reader.check_password(new))

    def test_a_broken_link_says_so(self) -> None:
        response = self.client.get("/accounts/password/reset/key/1-nonsense/", follow=True)
        self.assertContains(response, "This link does not work")
