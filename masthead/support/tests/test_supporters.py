"""Who counts as a supporter: is_supporter and declare_support, as the campaigns app uses them."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from wagtail.models import Site

from masthead.support import actions
from masthead.support.models import Contribution, SupportSettings
from masthead.support.tests.base import SupportTestCase


class IsSupporterTests(SupportTestCase):
    def test_nobody_signed_out_is_a_supporter(self) -> None:
        self.assertFalse(actions.is_supporter(AnonymousUser()))

    def test_a_reader_who_never_gave_is_not(self) -> None:
        with self.assertNumQueries(1):
            self.assertFalse(actions.is_supporter(self.reader))

    def test_a_pending_contribution_does_not_count(self) -> None:
        self.pending(reader=self.reader)
        self.assertFalse(actions.is_supporter(self.reader))

    def test_a_one_off_giver_counts_for_the_configured_days(self) -> None:
        settings = SupportSettings.for_site(Site.objects.get(is_default_site=True))
        settings.one_off_supporter_days = 30
        settings.save()
        actions.fulfil_contribution(self.pending(reader=self.reader).pk)
        with self.assertNumQueries(1):
            self.assertTrue(actions.is_supporter(self.reader))
        with time_machine.travel(timezone.now() + dt.timedelta(days=29), tick=False):
            self.assertTrue(actions.is_supporter(self.reader))
        with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
            self.assertFalse(actions.is_supporter(self.reader))

    def test_an_active_recurring_supporter_counts_until_the_subscription_ends(self) -> None:
        monthly = self.pending(reader=self.reader, frequency="monthly", amount=500)
        actions.fulfil_contribution(monthly.pk)
        self.assertTrue(actions.is_supporter(self.reader))
        monthly.refresh_from_db()
        actions.set_subscription_status(
            monthly, "canceled", as_of=timezone.now() + dt.timedelta(seconds=1)
        )
        self.assertFalse(actions.is_supporter(self.reader))
        self.assertEqual(self.reader.supporter.status, "lapsed")

    def test_someone_elses_contribution_does_not_count(self) -> None:
        actions.fulfil_contribution(self.pending(reader=self.second_reader).pk)
        self.assertFalse(actions.is_supporter(self.reader))
        self.assertTrue(actions.is_supporter(self.second_reader))

    def test_a_refunded_contribution_does_not_count_after_a_refresh(self) -> None:
        contribution = actions.fulfil_contribution(self.pending(reader=self.reader).pk)
        assert contribution is not None
        Contribution.objects.filter(pk=contribution.pk).update(status="refunded")
        actions.refresh_supporter(self.reader.pk)
        self.assertFalse(actions.is_supporter(self.reader))


class DeclareSupportTests(SupportTestCase):
    def test_i_already_support_makes_a_reader_a_supporter(self) -> None:
        supporter = actions.declare_support(self.reader)
        self.assertIsNotNone(supporter.declared_at)
        self.assertTrue(actions.is_supporter(self.reader))

    def test_declaring_twice_keeps_the_first_date(self) -> None:
        first = actions.declare_support(self.reader).declared_at
        self.assertEqual(actions.declare_support(self.reader).declared_at, first)

    def test_a_declaration_can_be_withdrawn(self) -> None:
        actions.declare_support(self.reader)
        actions.withdraw_declaration(self.reader)
        self.assertFalse(actions.is_supporter(self.reader))

    def test_it_needs_a_signed_in_reader(self) -> None:
        with self.assertRaises(actions.SupportError):
            actions.declare_support(AnonymousUser())  # type: ignore[arg-type]

    def test_a_payment_later_keeps_the_declaration(self) -> None:
        actions.declare_support(self.reader)
        actions.fulfil_contribution(self.pending(reader=self.reader).pk)
        self.assertIsNotNone(self.reader.supporter.declared_at)
