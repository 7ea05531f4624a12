from allauth.account import app_settings
from allauth.account.models import EmailAddress
from allauth.core.internal.ratelimit import parse_rates
from django.test import Client

from masthead.accounts.models import User
from masthead.accounts.tests.base import ReaderHistoryTestCase
from masthead.community.models import Comment
from masthead.lib.testing import PASSWORD


class DeleteViewTests(ReaderHistoryTestCase):
    url = "/accounts/settings/delete/"

    def test_it_needs_a_signed_in_reader(self) -> None:
        response = self.client.get(self.url)
        self.assertRedirects(
            response, f"/accounts/login/?next={self.url}", fetch_redirect_response=False
        )

    def test_the_page_says_exactly_what_happens_to_comments(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.get(self.url)
        self.assertContains(response, "stay in place as “[deleted]”, with no text and no name")
        self.assertContains(response, "All your other comments are removed")
        self.assertContains(response, 'name="password"')

    def test_a_wrong_password_is_refused_and_nothing_is_deleted(self) -> None:
        self.client.force_login(self.reader)
        response = self.client.post(self.url, {"password": "not it"})
        self.assertContains(response, "That is not your password", status_code=400)
        self.assertTrue(User.objects.filter(pk=self.reader.pk).exists())
        self.assertEqual(self.client.session["_auth_user_id"], str(self.reader.pk))

    def test_the_right_password_erases_the_account_and_signs_out(self) -> None:
        self.client.force_login(self.reader)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"password": PASSWORD}, follow=True)
        self.assertEqual(response.redirect_chain, [("/", 302)])
        self.assertContains(response, "Your account is deleted.")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertFalse(response.context["user"].is_authenticated)
        self.assertFalse(User.objects.filter(pk=self.reader.pk).exists())
        self.assertFalse(EmailAddress.objects.filter(email="reader@example.org").exists())
        self.assertEqual(Comment.objects.get(pk=self.answered.pk).status, "deleted")
        self.assertFalse(Comment.objects.filter(pk=self.lonely.pk).exists())

    def test_staff_are_sent_to_an_administrator(self) -> None:
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get(self.url), "ask an administrator")
        response = self.client.post(self.url, {"password": PASSWORD})
        self.assertContains(response, "ask an administrator", status_code=400)
        self.assertTrue(User.objects.filter(pk=self.moderator.pk).exists())

    def test_password_guesses_are_throttled(self) -> None:
        [rate] = parse_rates(app_settings.RATE_LIMITS["reauthenticate"])
        self.client.force_login(self.reader)
        for _ in range(rate.amount):
            self.assertEqual(self.client.post(self.url, {"password": "guess"}).status_code, 400)
        response = self.client.post(self.url, {"password": PASSWORD})
        self.assertContains(response, "Too many attempts", status_code=429)
        self.assertTrue(User.objects.filter(pk=self.reader.pk).exists())

    def test_deleting_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reader)
        self.assertEqual(client.post(self.url, {"password": PASSWORD}).status_code, 403)
        self.assertTrue(User.objects.filter(pk=self.reader.pk).exists())
        token = client.get(self.url).context["csrf_token"]
        response = client.post(self.url, {"password": PASSWORD, "csrfmiddlewaretoken": token})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertFalse(User.objects.filter(pk=self.reader.pk).exists())
