"""The publisher's settings for reader support: amounts and limits are checked when saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.models import Site

from masthead.support.models import SupportSettings
from masthead.support.tests.base import SupportTestCase


class SupportSettingsTests(SupportTestCase):
    def settings_(self) -> SupportSettings:
        return SupportSettings.for_site(Site.objects.get(is_default_site=True))

    def test_the_defaults_are_valid_and_in_euros(self) -> None:
        settings = self.settings_()
        settings.full_clean()
        self.assertEqual(settings.currency, "EUR")
        self.assertEqual(settings.presets("monthly"), [300, 500, 1000, 2000])

    def test_bad_values_are_explained(self) -> None:
        settings = self.settings_()
        settings.currency = "euro"
        settings.one_off_amounts = "5, ten"
        settings.minimum_amount = 10
        settings.maximum_amount = 5
        with self.assertRaises(ValidationError) as caught:
            settings.full_clean()
        errors = caught.exception.message_dict
        self.assertEqual(set(errors), {"currency", "one_off_amounts", "maximum_amount"})
        self.assertIn("'ten' is not a whole amount above zero.", errors["one_off_amounts"])

    def test_presets_outside_the_limits_are_not_offered(self) -> None:
        settings = self.settings_()
        settings.maximum_amount = 20
        self.assertEqual(settings.presets("one_off"), [500, 1000])

    def test_the_currency_is_used_for_new_contributions(self) -> None:
        settings = self.settings_()
        settings.currency = "gbp"
        settings.full_clean()
        settings.save()
        self.assertEqual(self.pending().currency, "GBP")
