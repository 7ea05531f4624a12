"""The contribute page: what it offers, what it carries through checkout, and its errors."""

from __future__ import annotations

from typing import Any
from unittest import mock

from bs4 import BeautifulSoup
from django.urls import reverse

from masthead.support import stripe_client
from masthead.support.models import Contribution
from masthead.support.tests.base import SupportTestCase, in_test_mode

URL = reverse("support:contribute")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def value(page: BeautifulSoup, name: str) -> str | None:
    field = page.select_one(f"input[name={name}]")
    return None if field is None else field.get("value")  # type: ignore[return-value]


def errors(response: Any) -> list[str]:
    return [
        " ".join(e.get_text().split())
        for e in soup(response).select(".compose__error, .compose__errors p")
    ]


FAKE_SESSION = stripe_client.CheckoutSession(
    id="cs_test_fake", url="https://checkout.stripe.test/pay/cs_test_fake"
)


class ContributePageTests(SupportTestCase):
    def test_it_offers_one_off_amounts_and_says_what_the_money_pays_for(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertIn("reporters in the field", page.get_text())
        amounts = [r["value"] for r in page.select("input[name=amount]")]
        self.assertEqual(amounts, ["500", "1000", "2500", "5000"])
        self.assertEqual(value(page, "frequency"), "one_off")
        self.assertEqual(
            [a.get_text() for a in page.select(".support-frequencies a")],
            ["One-off", "Monthly", "Annual"],
        )
        self.assertIsNone(value(page, "email"))

    def test_monthly_shows_the_monthly_presets(self) -> None:
        page = soup(self.client.get(URL, {"frequency": "monthly"}))
        self.assertEqual(value(page, "frequency"), "monthly")
        self.assertEqual(
            [r["value"] for r in page.select("input[name=amount]")], ["300", "500", "1000", "2000"]
        )

    def test_it_prefills_what_the_appeal_passed(self) -> None:
        query = {
            "campaign": "3",
            "variant": "b",
            "article": str(self.article.pk),
            "amount": "10",
            "frequency": "annual",
        }
        page = soup(self.client.get(URL, query))
        self.assertEqual(value(page, "campaign"), "3")
        self.assertEqual(value(page, "variant"), "b")
        self.assertEqual(value(page, "article"), str(self.article.pk))
        self.assertEqual(value(page, "frequency"), "annual")
        # 10 is not an annual preset, so it lands in the other-amount box.
        self.assertEqual(value(page, "other_amount"), "10")
        self.assertIsNone(page.select_one("input[name=amount][checked]"))

    def test_a_preset_amount_from_the_appeal_is_selected(self) -> None:
        page = soup(self.client.get(URL, {"amount": "25"}))
        self.assertEqual(page.select_one("input[name=amount][checked]")["value"], "2500")

    def test_bad_query_values_are_ignored(self) -> None:
        query = {"campaign": "x", "article": "999999", "amount": "-4", "frequency": "weekly"}
        response = self.client.get(URL, query)
        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(value(page, "frequency"), "one_off")
        self.assertIn(value(page, "campaign"), (None, ""))
        self.assertIn(value(page, "article"), (None, ""))
        self.assertEqual(page.select_one("input[name=amount][checked]")["value"], "1000")

    def test_a_signed_in_readers_address_is_prefilled(self) -> None:
        self.client.force_login(self.reader)
        page = soup(self.client.get(URL))
        self.assertEqual(value(page, "email"), "reader@example.org")

    def test_without_keys_or_test_mode_it_says_contributions_are_unavailable(self) -> None:
        with self.settings(STRIPE_SECRET_KEY="", STRIPE_TEST_MODE=False):
            page = soup(self.client.get(URL))
        self.assertIn("cannot be taken online", page.get_text())
        self.assertIsNone(page.select_one("form.support-form"))


class StartCheckoutTests(SupportTestCase):
    def post(self, **fields: str) -> Any:
        data = {"frequency": "one_off", "amount": "1000", "email": "giver@example.org", **fields}
        with mock.patch.object(
            stripe_client, "create_checkout_session", return_value=FAKE_SESSION
        ) as create:
            response = self.client.post(URL, data)
        self.create = create
        return response

    def test_it_records_a_pending_contribution_and_sends_the_reader_to_checkout(self) -> None:
        response = self.post(campaign="4", variant="control", article=str(self.article.pk))
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], FAKE_SESSION.url)
        contribution = Contribution.objects.get()
        self.assertEqual(
            (
                contribution.status,
                contribution.amount,
                contribution.currency,
                contribution.frequency,
            ),
            ("pending", 1000, "EUR", "one_off"),
        )
        self.assertEqual(
            (contribution.campaign_id, contribution.variant, contribution.article_id),
            (4, "control", self.article.pk),
        )
        self.assertEqual(contribution.stripe_session_id, "cs_test_fake")
        self.assertIsNone(contribution.reader)
        self.assertFalse(contribution.test_mode)
        (passed,), options = self.create.call_args
        self.assertEqual(passed.pk, contribution.pk)
        self.assertIn("/support/thanks/", options["success_url"])
        self.assertIn("/support/cancelled/", options["cancel_url"])

    def test_a_signed_in_reader_contributes_on_their_account(self) -> None:
        self.client.force_login(self.reader)
        self.post(frequency="monthly", amount="500", email="reader@example.org")
        contribution = Contribution.objects.get()
        self.assertEqual(
            (contribution.reader, contribution.frequency, contribution.amount),
            (self.reader, "monthly", 500),
        )

    def test_a_custom_amount_wins_over_a_preset(self) -> None:
        self.post(other_amount="12,50")
        self.assertEqual(Contribution.objects.get().amount, 1250)

    def test_no_amount_is_an_error(self) -> None:
        response = self.post(amount="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose an amount, or type your own.", errors(response))
        self.assertFalse(Contribution.objects.exists())
        self.create.assert_not_called()

    def test_an_amount_below_the_minimum_is_an_error(self) -> None:
        response = self.post(other_amount="0.50")
        self.assertEqual(response.status_code, 400)
        self.assertIn("The smallest contribution we can take is EUR 1.", errors(response))
        self.assertFalse(Contribution.objects.exists())

    def test_an_amount_above_the_maximum_is_an_error(self) -> None:
        response = self.post(other_amount="5000.01")
        self.assertIn("The largest contribution we can take online is EUR 5,000.", errors(response))
        self.assertFalse(Contribution.objects.exists())

    def test_an_amount_that_is_not_a_number_is_an_error(self) -> None:
        for bad in ("ten", "1e3", "12.345", "nan", "-5"):
            with self.subTest(bad):
                response = self.post(other_amount=bad)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Type an amount in numbers, such as 12 or 12.50.", errors(response))
        self.assertFalse(Contribution.objects.exists())

    def test_a_forged_preset_is_refused(self) -> None:
        response = self.post(amount="99")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Contribution.objects.exists())

    def test_a_forged_frequency_falls_back_to_one_off_and_is_refused(self) -> None:
        response = self.post(frequency="weekly")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Contribution.objects.exists())

    def test_an_e_mail_address_is_required_and_checked(self) -> None:
        response = self.post(email="")
        self.assertIn("Give your e-mail address so we can send your receipt.", errors(response))
        response = self.post(email="not-an-address")
        self.assertIn(
            "This does not look like an e-mail address; please check it.", errors(response)
        )
        self.assertFalse(Contribution.objects.exists())

    def test_typed_values_survive_an_error(self) -> None:
        page = soup(self.post(other_amount="0.10", email="keep@example.org"))
        self.assertEqual(value(page, "email"), "keep@example.org")
        self.assertEqual(value(page, "other_amount"), "0.10")

    def test_a_bad_hidden_article_is_dropped_not_fatal(self) -> None:
        response = self.post(article="999999")
        self.assertEqual(response.status_code, 303)
        self.assertIsNone(Contribution.objects.get().article)

    def test_when_stripe_cannot_be_reached_the_reader_is_told_and_nothing_is_charged(self) -> None:
        with mock.patch.object(
            stripe_client,
            "create_checkout_session",
            side_effect=stripe_client.StripeUnavailable("down"),
        ):
            response = self.client.post(
                URL, {"frequency": "one_off", "amount": "1000", "email": "g@example.org"}
            )
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Our payment provider could not be reached. Nothing was charged; please try again.",
            errors(response),
        )
        self.assertEqual(Contribution.objects.get().status, "pending")

    def test_the_wrapper_is_given_an_idempotency_key_and_metadata(self) -> None:
        contribution = self.pending(campaign_id=9, variant="b", article=self.article)
        created = mock.Mock(id="cs_1", url="https://checkout.stripe.test/cs_1")
        with mock.patch("stripe.StripeClient") as client_class:
            client_class.return_value.v1.checkout.sessions.create.return_value = created
            session = stripe_client.create_checkout_session(
                contribution,
                product_name="Support",
                success_url="https://x/s",
                cancel_url="https://x/c",
            )
        self.assertEqual(session.url, "https://checkout.stripe.test/cs_1")
        kwargs = client_class.return_value.v1.checkout.sessions.create.call_args.kwargs
        self.assertEqual(
            kwargs["options"], {"idempotency_key": f"masthead-contribution-{contribution.pk}"}
        )
        params = kwargs["params"]
        self.assertEqual(params["mode"], "payment")
        self.assertEqual(
            params["metadata"],
            {
                "contribution_id": str(contribution.pk),
                "campaign": "9",
                "variant": "b",
                "article": str(self.article.pk),
            },
        )
        self.assertEqual(params["line_items"][0]["price_data"]["unit_amount"], 1000)
        self.assertEqual(params["customer_email"], "giver@example.org")

    def test_a_recurring_contribution_opens_a_subscription_checkout(self) -> None:
        contribution = self.pending(frequency="annual", amount=6000)
        created = mock.Mock(id="cs_2", url="https://checkout.stripe.test/cs_2")
        with mock.patch("stripe.StripeClient") as client_class:
            client_class.return_value.v1.checkout.sessions.create.return_value = created
            stripe_client.create_checkout_session(
                contribution,
                product_name="Support",
                success_url="https://x/s",
                cancel_url="https://x/c",
            )
        params = client_class.return_value.v1.checkout.sessions.create.call_args.kwargs["params"]
        self.assertEqual(params["mode"], "subscription")
        self.assertEqual(params["line_items"][0]["price_data"]["recurring"], {"interval": "year"})
        self.assertEqual(
            params["subscription_data"]["metadata"]["contribution_id"], str(contribution.pk)
        )


class ReturnPageTests(SupportTestCase):
    def test_the_thanks_page_waits_for_the_payment_then_thanks(self) -> None:
        from masthead.support import actions

        contribution = self.pending()
        url = reverse("support:thanks", args=[actions.contribution_token(contribution)])
        self.assertIn("waiting for the payment provider", self.client.get(url).content.decode())
        actions.fulfil_contribution(contribution.pk)
        body = self.client.get(url).content.decode()
        self.assertIn("Thank you for your support", body)
        self.assertIn("is confirmed", body)

    def test_a_forged_token_is_not_found(self) -> None:
        self.assertEqual(
            self.client.get(reverse("support:thanks", args=["forged"])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("support:cancelled", args=["forged"])).status_code, 404
        )

    def test_the_cancel_page_offers_to_try_again_with_the_same_choices(self) -> None:
        from masthead.support import actions

        contribution = self.pending(frequency="monthly", amount=500, campaign_id=2, variant="b")
        page = soup(
            self.client.get(
                reverse("support:cancelled", args=[actions.contribution_token(contribution)])
            )
        )
        retry = page.find("a", string="Try again")["href"]
        self.assertIn("frequency=monthly", retry)
        self.assertIn("amount=5", retry)
        self.assertIn("campaign=2", retry)
        self.assertIn("variant=b", retry)


@in_test_mode
class TestModePageTests(SupportTestCase):
    def setUp(self) -> None:
        super().setUp()
        patcher = in_test_mode
        patcher.enable()
        self.addCleanup(patcher.disable)

    def test_the_page_is_labelled_test_mode(self) -> None:
        page = soup(self.client.get(URL))
        self.assertIn("Test mode.", page.select_one(".support-test-mode").get_text())
        self.assertIn("Continue (test mode)", page.button.get_text())


class MangledOriginTests(SupportTestCase):
    def test_mangled_campaign_variant_or_article_are_dropped_not_refused(self) -> None:
        data = {
            "frequency": "one_off",
            "amount": "1000",
            "email": "giver@example.org",
            "campaign": "-3",
            "variant": "v" * 80,
            "article": "abc",
        }
        with mock.patch.object(stripe_client, "create_checkout_session", return_value=FAKE_SESSION):
            response = self.client.post(URL, data)
        self.assertEqual(response.status_code, 303)
        contribution = Contribution.objects.get()
        self.assertEqual(
            (contribution.campaign_id, contribution.variant, contribution.article_id),
            (None, "v" * 50, None),
        )

    def test_after_an_error_the_frequency_links_keep_the_campaign(self) -> None:
        data = {"frequency": "one_off", "amount": "", "email": "g@example.org", "campaign": "6"}
        page = soup(self.client.post(URL, data))
        monthly = page.find("a", string="Monthly")
        assert monthly is not None
        self.assertIn("campaign=6", monthly["href"])
        self.assertIn("frequency=monthly", monthly["href"])
