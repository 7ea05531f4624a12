import datetime as dt

import time_machine
from django.utils import timezone

from masthead.lib.testing import NewsroomTestCase, make_article
from masthead.news.models import ArticlePage
from masthead.news.tasks import publish_scheduled


class ScheduledPublishingTests(NewsroomTestCase):
    def test_a_scheduled_article_goes_live_when_the_minute_comes(self) -> None:
        go_live = timezone.now() + dt.timedelta(hours=3)
        article = make_article(self.politics, title="Embargoed budget", live=False)
        article.go_live_at = go_live
        article.save_revision(user=self.editor).publish(user=self.editor)
        article.refresh_from_db()
        self.assertFalse(article.live)

        publish_scheduled.call()
        article.refresh_from_db()
        self.assertFalse(article.live, "published before its time")

        with time_machine.travel(go_live + dt.timedelta(seconds=30)):
            publish_scheduled.call()
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(self.client.get(article.url).status_code, 200)

    def test_an_article_past_its_expiry_is_taken_down(self) -> None:
        article = make_article(self.politics, title="Short-lived")
        ArticlePage.objects.filter(pk=article.pk).update(
            expire_at=timezone.now() + dt.timedelta(minutes=5)
        )
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
            publish_scheduled.call()
        article.refresh_from_db()
        self.assertFalse(article.live)
        self.assertTrue(article.expired)
