"""manage.py demo: build (or refresh) the demo newsroom and print where to log in."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.newsroom.demo import DEMO_PASSWORD, LOGINS, build


class Command(BaseCommand):
    help = "Create or refresh the demo newsroom: sections, articles, photos, a wire story, logins."

    def handle(self, *args: Any, **options: Any) -> None:
        build()
        site = settings.SITE_URL
        self.stdout.write(self.style.SUCCESS("Demo newsroom ready."))
        self.stdout.write(f"  Site:  {site}/")
        self.stdout.write(f"  Admin: {site}/admin/")
        self.stdout.write(
            f"  Logins (password {DEMO_PASSWORD}; readers sign in at {site}/accounts/login/):"
        )
        for login in LOGINS:
            self.stdout.write(f"    {login.username:<10} {login.email:<24} {login.role}")
