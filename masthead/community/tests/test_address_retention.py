import datetime as dt

from django.test import override_settings
from django.utils import timezone

from masthead.community.actions import post_comment
from masthead.community.models import Comment
from masthead.community.tasks import forget_old_addresses
from masthead.lib import clock
from masthead.lib.testing import NewsroomTestCase


class AddressRetentionTests(NewsroomTestCase):
    def test_addresses_older_than_the_retention_period_are_cleared_every_hour(self) -> None:
        old = post_comment(
            self.reader,
            self.article,
            body="Old.",
            ip="192.0.2.1",
            now=timezone.now() - dt.timedelta(days=91),
        ).comment
        new = post_comment(self.second_reader, self.article, body="New.", ip="192.0.2.2").comment
        self.assertEqual(forget_old_addresses.call(), 1)
        self.assertIsNone(Comment.objects.get(pk=old.pk).ip_address)
        self.assertEqual(Comment.objects.get(pk=new.pk).ip_address, "192.0.2.2")
        self.assertIn(3600, [p.seconds for p in clock.SCHEDULE if p.task is forget_old_addresses])

    @override_settings(COMMENT_IP_RETENTION_DAYS=0)
    def test_zero_keeps_addresses(self) -> None:
        post_comment(
            self.reader,
            self.article,
            body="Old.",
            ip="192.0.2.1",
            now=timezone.now() - dt.timedelta(days=400),
        )
        self.assertEqual(forget_old_addresses.call(), 0)
