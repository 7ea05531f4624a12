"""Telling people what moderators decided: e-mails from the worker, each sent at most once."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from masthead.lib import emails


@task()
def send_statement(statement_id: int) -> None:
    """E-mail a statement of reasons to the reader it concerns."""
    from masthead.moderation.models import Statement

    with transaction.atomic():
        statement = (
            Statement.objects.select_for_update(of=("self",))
            .select_related("reader")
            .filter(pk=statement_id, emailed_at__isnull=True)
            .first()
        )
        if statement is None:
            return
        Statement.objects.filter(pk=statement.pk).update(emailed_at=timezone.now())
        if statement.reader.email and statement.reader.is_active:
            emails.statement_of_reasons(statement)


@task()
def send_appeal_outcome(appeal_id: int) -> None:
    from masthead.moderation.models import Appeal

    with transaction.atomic():
        appeal = (
            Appeal.objects.select_for_update(of=("self",))
            .select_related("reader", "statement")
            .filter(pk=appeal_id, emailed_at__isnull=True)
            .exclude(status=Appeal.Status.PENDING)
            .first()
        )
        if appeal is None:
            return
        Appeal.objects.filter(pk=appeal.pk).update(emailed_at=timezone.now())
        if appeal.reader.email and appeal.reader.is_active:
            emails.appeal_outcome(appeal)


@task()
def tell_reporters(comment_id: int) -> None:
    """Tell each reader who reported the comment what became of it: in their notifications,
    and by e-mail. Reports already told are skipped, so a retry sends nothing twice."""
    from masthead.accounts.models import Notification
    from masthead.community.models import Report
    from masthead.moderation.actions import moderation_settings

    settings = moderation_settings()
    with transaction.atomic():
        reports = list(
            Report.objects.select_for_update(of=("self",))
            .select_related("reporter", "comment__thread__page")
            .filter(
                comment_id=comment_id,
                resolved_at__isnull=False,
                notified_at__isnull=True,
                reporter__isnull=False,
            )
        )
        if not reports:
            return
        Report.objects.filter(pk__in=[r.pk for r in reports]).update(notified_at=timezone.now())
        for report in reports:
            assert report.reporter is not None  # filtered above
            removed = report.outcome == Report.Outcome.REMOVED
            body = settings.report_removed if removed else settings.report_kept
            Notification.objects.create(
                reader=report.reporter,
                kind=Notification.Kind.REPORT_OUTCOME,
                title=f'Your report on a comment under "{report.comment.thread.page.title}"',
                body=body,
            )
            reporter = report.reporter
            if reporter is not None and reporter.email and reporter.is_active:
                emails.report_outcome(report, body)


@task()
def send_notice_decision(notice_id: int) -> None:
    from masthead.community.models import IllegalContentNotice

    with transaction.atomic():
        notice = (
            IllegalContentNotice.objects.select_for_update()
            .filter(pk=notice_id, decision_sent_at__isnull=True, status="decided")
            .first()
        )
        if notice is None:
            return
        IllegalContentNotice.objects.filter(pk=notice.pk).update(decision_sent_at=timezone.now())
        if notice.email:
            emails.notice_decision(notice)
