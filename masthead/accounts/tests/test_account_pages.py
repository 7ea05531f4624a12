"""allauth's pages wear the site's layout, whether we wrote them out or not."""

from allauth.account.models import EmailAddress
from django.core import mail

from masthead.lib.testing import NewsroomTestCase


class AccountPagesTests(NewsroomTestCase):
    def assertInSiteLayout(self, response, heading: str) -> None:  # type: ignore[no-untyped-def]
        self.assertEqual(response.status_code, 200, response.content[:500])
        self.assertContains(response, 'class="masthead"')
        self.assertContains(response, 'class="site-footer"')
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertContains(response, heading)

    def test_pages_for_signed_out_readers(self) -> None:
        pages = {
            "/accounts/login/": "<h1>Sign in</h1>",
            "/accounts/signup/": "<h1>Create an account</h1>",
            "/accounts/password/reset/": "<h1>Reset your password</h1>",
            "/accounts/password/reset/done/": "<h1>Check your inbox</h1>",
            "/accounts/confirm-email/": "<h1>Check your inbox</h1>",
            "/accounts/confirm-email/not-a-key/": "This link has expired or does not work.",
            "/accounts/inactive/": "<h1>This account is closed</h1>",
        }
        for url, heading in pages.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertInSiteLayout(response, heading)
                self.assertContains(response, 'class="community-page"')

    def test_pages_for_signed_in_readers(self) -> None:
        self.client.force_login(self.reader)
        pages = {
            "/accounts/logout/": "<h1>Sign out?</h1>",
            "/accounts/email/": "<h1>Your e-mail addresses</h1>",
            "/accounts/password/change/": "<h1>Change your password</h1>",
            "/accounts/settings/": "<h1>Your account</h1>",
        }
        for url, heading in pages.items():
            with self.subTest(url=url):
                self.assertInSiteLayout(self.client.get(url), heading)

    def test_pages_we_did_not_write_out_still_use_the_sites_layout_and_forms(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get("/accounts/reauthenticate/")
        self.assertInSiteLayout(response, "<h1>")
        self.assertContains(response, 'class="notice"')
        self.assertContains(response, 'class="notice__field')
        self.assertContains(response, 'class="account-page"')

    def test_the_email_page_shows_which_addresses_are_confirmed(self) -> None:
        EmailAddress.objects.create(user=self.reader, email="old@example.org", verified=False)
        self.client.force_login(self.reader)
        response = self.client.get("/accounts/email/")
        text = response.content.decode()
        self.assertIn("reader@example.org", text)
        self.assertIn("not confirmed", text[text.index("old@example.org") :])

    def test_a_reader_adds_an_address_and_is_sent_a_confirmation(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.post(
            "/accounts/email/", {"email": "new@example.org", "action_add": ""}, follow=True
        )
        self.assertContains(response, "We sent a confirmation link to new@example.org.")
        self.assertTrue(
            EmailAddress.objects.filter(email="new@example.org", verified=False).exists()
        )
        self.assertEqual(mail.outbox[-1].to, ["new@example.org"])

    def test_form_errors_show_beside_the_field(self) -> None:
        response = self.client.post("/accounts/password/reset/", {"email": "not an address"})
        self.assertContains(response, 'class="notice__field notice__field--error"')
        self.assertContains(response, 'class="compose__error" role="alert"')
