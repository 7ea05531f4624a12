"""Background work for publishing."""

from django.core.management import call_command
from django_tasks import task

from masthead.lib import clock


@clock.every(minutes=1)
@task()
def publish_scheduled() -> None:
    """Publish revisions whose go-live time has come and take down pages whose expiry has passed.

    Idempotent: Wagtail only touches what is due, so a second run in the same minute does nothing.
    """
    call_command("publish_scheduled")
