"""manage.py reconcile_contributions --days N: repair our contributions from Stripe's records."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.support import stripe_client
from masthead.support.reconcile import reconcile


class Command(BaseCommand):
    help = "Compare the last N days of Stripe payments and subscriptions with ours; repair them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3, help="How far back to look (3).")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        try:
            report = reconcile(days)
        except stripe_client.StripeNotConfigured as exc:
            raise CommandError(f"Nothing to reconcile: {exc}") from exc
        except stripe_client.StripeUnavailable as exc:
            raise CommandError(f"Stripe could not be reached: {exc}") from exc
        for line in report.repaired:
            self.stdout.write(f"repaired: {line}")
        for line in report.errors:
            self.stderr.write(f"error: {line}")
        self.stdout.write(
            f"Checked {report.checked} Stripe records; repaired {len(report.repaired)}; "
            f"{len(report.errors)} errors."
        )
        if report.errors:
            raise CommandError("Some records could not be reconciled (see above).")
