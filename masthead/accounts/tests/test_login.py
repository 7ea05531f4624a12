from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings

from masthead.lib.testing import PASSWORD, NewsroomTestCase

TOO_MANY = "Too many failed login attempts"


def limit(per: str) -> int:
    """How many failed sign-ins settings.ACCOUNT_RATE_LIMITS allows per "ip" or "key"."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return next(rate.amount for rate in rates if rate.per == per)


class LoginTests(NewsroomTestCase):
    def sign_in(self, email: str = "reader@example.org", password: str = PASSWORD):  # type: ignore[no-untyped-def]
        return self.client.post("/accounts/login/", {"login": email, "password": password})

    def test_the_page_is_in_the_sites_layout_with_a_reset_link(self) -> None:
        response = self.client.get("/accounts/login/")
        self.assertContains(response, 'class="masthead"')
        self.assertContains(response, 'name="login"')
        self.assertContains(response, 'href="/accounts/password/reset/"')
        self.assertContains(response, 'href="/accounts/signup/')

    def test_a_reader_signs_in_with_their_email_address(self) -> None:
        response = self.sign_in()
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.reader.pk))

    def test_the_address_is_not_case_sensitive(self) -> None:
        self.sign_in("Reader@Example.org")
        self.assertEqual(self.client.session["_auth_user_id"], str(self.reader.pk))

    def test_a_wrong_password_is_refused(self) -> None:
        response = self.sign_in(password="wrong")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "compose__error")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_failed_sign_ins_to_one_account_are_throttled(self) -> None:
        for _ in range(limit("key")):
            self.assertNotContains(self.sign_in(password="wrong"), TOO_MANY)
        # Even the right password waits now: a guesser cannot tell it was right.
        response = self.sign_in()
        self.assertContains(response, TOO_MANY)
        self.assertNotIn("_auth_user_id", self.client.session)
        # Another account from the same address is not locked out yet.
        self.sign_in("second_reader@example.org")
        self.assertEqual(self.client.session["_auth_user_id"], str(self.second_reader.pk))

    def test_failed_sign_ins_from_one_address_are_throttled(self) -> None:
        for number in range(limit("ip")):
            self.assertNotContains(self.sign_in(f"guess{number}@example.org", "wrong"), TOO_MANY)
        self.assertContains(self.sign_in(), TOO_MANY)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_signing_out_asks_then_ends_the_session(self) -> None:
        self.client.force_login(self.reader)
        self.assertContains(self.client.get("/accounts/logout/"), "Sign out?")
        response = self.client.post("/accounts/logout/")
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_welcome_uses_the_display_name_not_the_username(self) -> None:
        self.reader.display_name = "Harbour Watcher"
        self.reader.save()
        response = self.client.post(
            "/accounts/login/", {"login": "reader@example.org", "password": PASSWORD}, follow=True
        )
        messages = [str(m) for m in response.context["messages"]]
        self.assertIn("You are signed in as Harbour Watcher.", messages)
