"""The small rules of campaign copy: amounts, placeholders and money."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from masthead.campaigns.description import money
from masthead.campaigns.models import Campaign, Variant, parse_amounts, placeholders_in


class CopyRulesTests(SimpleTestCase):
    def test_amounts_are_read_in_whole_units_and_kept_in_cents(self) -> None:
        self.assertEqual(parse_amounts("5, 10,25.50 ,"), [500, 1000, 2550])
        self.assertEqual(parse_amounts(""), [])
        for bad in ("0", "-5", "5.555", "1e3", "ten", "1234567"):
            with self.assertRaises(ValueError, msg=bad):
                parse_amounts(bad)

    def test_placeholders_are_found_and_stray_braces_refused(self) -> None:
        self.assertEqual(
            placeholders_in("Read {articles_read}, {goal_percent}"),
            {"articles_read", "goal_percent"},
        )
        with self.assertRaises(ValueError):
            placeholders_in("Oops {")

    def test_a_variant_with_an_unknown_placeholder_is_invalid(self) -> None:
        variant = Variant(key="b", heading="Hi {name}", body="Body", button_text="Go")
        with self.assertRaises(ValidationError) as caught:
            variant.clean()
        self.assertIn("heading", caught.exception.message_dict)

    def test_a_campaign_needs_a_placement(self) -> None:
        with self.assertRaises(ValidationError):
            Campaign(name="Nowhere", show_as_banner=False, show_at_end=False).clean()
        self.assertEqual(
            Campaign(show_as_banner=True, show_at_end=True).placements,
            ["article_top", "article_end"],
        )

    def test_money_is_written_the_way_readers_read_it(self) -> None:
        self.assertEqual(money(500000, "EUR"), "€5,000")
        self.assertEqual(money(1250, "GBP"), "£12.50")
        self.assertEqual(money(99, "CHF"), "0.99 CHF")
