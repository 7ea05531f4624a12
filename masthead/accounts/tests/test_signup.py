from django.core import mail

from masthead.accounts.models import User
from masthead.lib.testing import NewsroomTestCase

NEW_PASSWORD = "a long harbour password 42"


class SignupTests(NewsroomTestCase):
    def sign_up(self, email: str = "ada@example.org", display_name: str = "Ada L"):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/accounts/signup/",
            {"email": email, "display_name": display_name, "password1": NEW_PASSWORD},
        )

    def test_the_page_asks_for_email_display_name_and_password_in_the_sites_layout(self) -> None:
        response = self.client.get("/accounts/signup/")
        self.assertContains(response, 'class="masthead"')
        self.assertContains(response, 'class="community-page"')
        for name in ("email", "display_name", "password1"):
            self.assertContains(response, f'name="{name}"')
        self.assertContains(response, "Shown beside your comments.")

    def test_it_creates_a_reader_with_that_display_name_and_sends_a_confirmation(self) -> None:
        response = self.sign_up()
        self.assertEqual(response.status_code, 302)
        user = User.objects.get(email="ada@example.org")
        self.assertEqual(user.display_name, "Ada L")
        self.assertTrue(user.check_password(NEW_PASSWORD))
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])
        self.assertIn("/accounts/confirm-email/", mail.outbox[0].body)

    def test_confirming_the_address_lets_the_reader_comment(self) -> None:
        from allauth.account.models import EmailAddress

        from masthead.community.actions import is_verified

        self.sign_up()
        link = next(line for line in mail.outbox[0].body.splitlines() if "/confirm-email/" in line)
        path = link[link.index("/accounts/") :].strip()
        self.assertEqual(self.client.post(path).status_code, 302)
        user = User.objects.get(email="ada@example.org")
        self.assertTrue(EmailAddress.objects.get(user=user).verified)
        self.assertTrue(is_verified(user))

    def test_a_one_character_display_name_is_refused(self) -> None:
        response = self.sign_up(display_name=" A ")
        self.assertContains(response, "Use at least two characters.")
        self.assertFalse(User.objects.filter(email="ada@example.org").exists())

    def test_a_display_name_is_required(self) -> None:
        response = self.sign_up(display_name="")
        self.assertContains(response, "Choose the name to show beside your comments.")


class SignupEnumerationTests(NewsroomTestCase):
    """Signing up with an address that has an account looks exactly like a new sign-up.

    allauth can only promise this because verification is mandatory: with "optional" it would
    sign a new reader straight in, which an existing address cannot copy (see docs/privacy.md).
    """

    def sign_up(self, email: str):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/accounts/signup/",
            {"email": email, "display_name": "Someone", "password1": NEW_PASSWORD},
            follow=True,
        )

    def test_an_existing_address_gets_the_same_answer_as_a_new_one(self) -> None:
        new = self.sign_up("brand-new@example.org")
        self.client.logout()
        taken = self.sign_up("reader@example.org")
        self.assertEqual(new.redirect_chain, taken.redirect_chain)
        self.assertEqual(new.status_code, taken.status_code)
        self.assertEqual(
            new.content.decode().replace("brand-new@example.org", "X"),
            taken.content.decode().replace("reader@example.org", "X"),
        )

    def test_the_owner_of_an_existing_address_is_told_by_email(self) -> None:
        self.sign_up("reader@example.org")
        self.assertEqual(User.objects.filter(email="reader@example.org").count(), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reader@example.org"])
        self.assertIn("already", mail.outbox[0].subject + mail.outbox[0].body)
