"""Every e-mail Masthead sends: one small function per message, templates under emails/<name>/.

Called only from tasks, never from a request, so a slow mail server never slows a reader down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.community.models import Comment, IllegalContentNotice, Report
    from masthead.moderation.models import Appeal, Statement


def send(
    name: str, to: str, context: dict[str, Any], *, headers: dict[str, str] | None = None
) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}/subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"emails/{name}/body.txt", context), to=[to], headers=headers
    )
    message.attach_alternative(render_to_string(f"emails/{name}/body.html", context), "text/html")
    message.send()


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def reply_notification(comment: Comment, recipient: User) -> None:
    """Tell a reader someone answered them, with a one-click way to stop these e-mails."""
    from masthead.community.unsubscribe import token_for

    unsubscribe = absolute(reverse("community:unsubscribe", args=[token_for(recipient)]))
    send(
        "reply_notification",
        recipient.email,
        {
            "comment": comment,
            "recipient": recipient,
            "article": comment.thread.page,
            "link": absolute(reverse("community:permalink", args=[comment.pk])),
            "unsubscribe": unsubscribe,
        },
        headers={
            # RFC 8058: mail clients show an unsubscribe button that POSTs without a login.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def notice_receipt(notice: IllegalContentNotice) -> None:
    send("notice_receipt", notice.email, {"notice": notice})


def statement_of_reasons(statement: Statement) -> None:
    """EU DSA Art. 17: what was restricted and why, and how to appeal."""
    from masthead.moderation.actions import moderation_settings
    from masthead.moderation.statements import statement_path

    send(
        "statement_of_reasons",
        statement.reader.email,
        {
            "statement": statement,
            "reader": statement.reader,
            "link": absolute(statement_path(statement)),
            "settings": moderation_settings(),
        },
    )


def appeal_outcome(appeal: Appeal) -> None:
    from masthead.moderation.actions import moderation_settings
    from masthead.moderation.statements import appeal_outcome_text, statement_path

    send(
        "appeal_outcome",
        appeal.reader.email,
        {
            "appeal": appeal,
            "reader": appeal.reader,
            "outcome": appeal_outcome_text(appeal),
            "link": absolute(statement_path(appeal.statement)),
            "settings": moderation_settings(),
        },
    )


def report_outcome(report: Report, message: str) -> None:
    assert report.reporter is not None
    send(
        "report_outcome",
        report.reporter.email,
        {"report": report, "reader": report.reporter, "message": message},
    )


def notice_decision(notice: IllegalContentNotice) -> None:
    """EU DSA Art. 16(5): the decision on a notice, its grounds, and the notifier's redress."""
    from masthead.moderation.actions import moderation_settings

    send("notice_decision", notice.email, {"notice": notice, "settings": moderation_settings()})
