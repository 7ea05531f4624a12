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
    from masthead.community.models import Comment, IllegalContentNotice


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
