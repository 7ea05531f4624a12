"""The moderation queues in the Wagtail admin: cards, decisions, claims, bulk actions and the
reader panel.

Every screen works as plain forms: a decision POSTs and redirects back to the queue. With htmx,
the same views answer with a partial (the decided card, the next page of cards, the reader
panel), so the moderator never waits for a whole page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from masthead.accounts.models import User
from masthead.community.models import Comment, IllegalContentNotice
from masthead.moderation import actions, queues
from masthead.moderation.actions import ModerationError
from masthead.moderation.forms import (
    AppealDecisionForm,
    BulkForm,
    DecideForm,
    FilterForm,
    NoticeDecisionForm,
    ReaderActionForm,
)
from masthead.moderation.models import Appeal, Watch
from masthead.news.models import ArticlePage, SectionPage


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def moderator_of(request: HttpRequest) -> User:
    """The signed-in moderator, or 403 for anyone else (the actions check again)."""
    user = request.user
    if not actions.can_moderate(user):  # type: ignore[arg-type]
        raise PermissionDenied("You do not have permission to moderate comments.")
    return user  # type: ignore[return-value]


def back_to(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def queue_url(slug: str) -> str:
    return reverse("moderation_queue", args=[slug])


def _sections() -> list[tuple[int, str, str]]:
    return list(SectionPage.objects.order_by("path").values_list("pk", "title", "path"))


def queue(request: HttpRequest, slug: str = "reported") -> HttpResponse:
    moderator = moderator_of(request)
    if slug not in queues.ALL_QUEUES:
        raise Http404("No such queue.")
    form = FilterForm(request.GET or None, sections=_sections())
    order: queues.Order = "newest" if request.GET.get("order") == "newest" else "oldest"
    cursor = queues.Cursor.decode(request.GET.get("after"))
    context: dict[str, Any] = {
        "slug": slug,
        "cap": queues.COUNT_CAP,
        "form": form,
        "moderator": moderator,
        "personal_data": actions.can_see_personal_data(moderator),
        "reasons": actions.RejectReason.choices,
    }
    if slug in queues.COMMENT_QUEUES:
        filters = form.filters(moderator, search_email=context["personal_data"])
        page = queues.page_of(queues.COMMENT_QUEUES[slug], filters, cursor=cursor)
        context |= {
            "queue": queues.COMMENT_QUEUES[slug],
            "page": page,
            "cards": page.cards,
            "watched": set(
                Watch.objects.filter(moderator=moderator).values_list("page_id", flat=True)
            ),
        }
        next_cursor = page.next_cursor
        template = "moderation/_cards.html" if _wants_cards(request) else "moderation/queue.html"
    elif slug == "appeals":
        appeals, next_cursor = queues.appeals_page(cursor=cursor, order=order)
        context |= {"appeals": appeals, "appeal_form": AppealDecisionForm()}
        template = "moderation/appeals.html"
    else:
        notices, next_cursor = queues.notices_page(cursor=cursor, order=order)
        context |= {"notices": notices, "notice_form": NoticeDecisionForm()}
        template = "moderation/notices.html"
    if next_cursor:
        params = request.GET.copy()
        params["after"] = next_cursor
        context["next_url"] = f"{queue_url(slug)}?{params.urlencode()}"
    if template != "moderation/_cards.html":  # the tabs: a "Load more" partial has none
        context["queues"] = [(s, _label(s), n) for s, n in queues.counts().items()]
    params = request.GET.copy()
    params.pop("after", None)
    context["this_url"] = f"{queue_url(slug)}?{params.urlencode()}" if params else queue_url(slug)
    return TemplateResponse(request, template, context)


def _label(slug: str) -> str:
    if slug in queues.COMMENT_QUEUES:
        return queues.COMMENT_QUEUES[slug].label
    return queues.OTHER_QUEUES[slug]


def _wants_cards(request: HttpRequest) -> bool:
    return is_htmx(request) and request.headers.get("HX-Target") == "more-cards"


def _card(comment_id: int) -> queues.Card:
    comment = (
        Comment.objects.select_related("author", "thread__page", "parent__author")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    return queues.load_cards([comment])[0]


def card(request: HttpRequest, pk: int) -> HttpResponse:
    """One card on its own page. Opening it claims the comment for this moderator."""
    moderator = moderator_of(request)
    comment = get_object_or_404(Comment, pk=pk)
    try:
        actions.claim_comment(moderator, comment)
    except actions.Claimed as exc:
        messages.warning(request, exc.message)
    return TemplateResponse(
        request,
        "moderation/card.html",
        {
            "card": _card(pk),
            "moderator": moderator,
            "reasons": actions.RejectReason.choices,
            "personal_data": actions.can_see_personal_data(moderator),
            "next": back_to(request, queue_url("reported")),
        },
    )


@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    """The moderator moved to this card: hold it, or say who does. The card they left (`release`)
    is let go, so a moderator holds only the one they are looking at."""
    moderator = moderator_of(request)
    comment = get_object_or_404(Comment, pk=pk)
    left = request.POST.get("release", "")
    if left.isdigit() and int(left) != pk:
        actions.release_claim(moderator, Comment(pk=int(left)))
    try:
        held = actions.claim_comment(moderator, comment)
    except actions.Claimed as exc:
        return HttpResponse(exc.message, status=409)
    return HttpResponse(f"Yours until {held.expires_at:%H:%M}")


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    comment = get_object_or_404(Comment, pk=pk)
    form = DecideForm(request.POST)
    fallback = queue_url("reported")
    if not form.is_valid():
        return _refused(request, pk, _form_errors(form), fallback)
    data = form.cleaned_data
    try:
        if data["action"] == "approve":
            actions.approve_comment(moderator, comment)
            done = "Approved"
        elif data["action"] == "restore":
            actions.restore_comment(moderator, comment)
            done = "Restored"
        elif data["action"] == "reject":
            actions.reject_comment(
                moderator, comment, reason=data["reason"], explanation=data["explanation"]
            )
            done = f"Rejected ({actions.RejectReason(data['reason']).label.lower()})"
        else:
            actions.feature_comment(moderator, comment, featured=data["action"] == "feature")
            done = "Featured" if data["action"] == "feature" else "No longer featured"
    except ModerationError as exc:
        return _refused(request, pk, exc.message, fallback)
    if is_htmx(request):
        return TemplateResponse(
            request, "moderation/_decided.html", {"card": _card(pk), "done": done}
        )
    messages.success(request, f"{done}: comment {pk}.")
    return redirect(back_to(request, fallback))


def _form_errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _refused(request: HttpRequest, pk: int, message: str, fallback: str) -> HttpResponse:
    """The decision could not be taken: say why, and keep the card as it is."""
    if is_htmx(request):
        response = TemplateResponse(
            request,
            "moderation/_card.html",
            {
                "card": _card(pk),
                "error": message,
                "moderator": request.user,
                "reasons": actions.RejectReason.choices,
                "personal_data": actions.can_see_personal_data(request.user),  # type: ignore[arg-type]
                "next": back_to(request, fallback),
            },
        )
        response.status_code = 409 if "is deciding" in message else 400
        return response
    messages.error(request, f"Comment {pk}: {message}")
    return redirect(back_to(request, fallback))


@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    moderator = moderator_of(request)
    form = BulkForm(request.POST)
    fallback = queue_url("reported")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back_to(request, fallback))
    data = form.cleaned_data
    if data["action"] == "approve":
        done, problems = actions.bulk_decide(
            moderator, data["ids"], lambda c: actions.approve_comment(moderator, c)
        )
    else:
        done, problems = actions.bulk_decide(
            moderator,
            data["ids"],
            lambda c: actions.reject_comment(
                moderator, c, reason=data["reason"], explanation=data["explanation"]
            ),
        )
    verb = "Approved" if data["action"] == "approve" else "Rejected"
    messages.success(request, f"{verb} {done} comment{'s' if done != 1 else ''}.")
    for problem in problems:
        messages.warning(request, problem)
    return redirect(back_to(request, fallback))


def reader(request: HttpRequest, pk: int) -> HttpResponse:
    """The reader panel: their record, standing, comments, decisions and notes, and what a
    moderator can do about them. POST takes one of those decisions."""
    moderator = moderator_of(request)
    subject = get_object_or_404(User, pk=pk)
    form = ReaderActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = _act_on_reader(moderator, subject, form.cleaned_data)
        except ModerationError as exc:
            form.add_error(None, exc.message)
        else:
            if not is_htmx(request):
                messages.success(request, message)
                return redirect(back_to(request, reverse("moderation_reader", args=[pk])))
            form = ReaderActionForm()
            form.done = message  # type: ignore[attr-defined]
    history = queues.history_of(subject, cursor=queues.Cursor.decode(request.GET.get("after")))
    context = {
        "history": history,
        "subject": subject,
        "form": form,
        "reasons": actions.RejectReason.choices,
        "personal_data": actions.can_see_personal_data(moderator),
        "moderator": moderator,
        "next": back_to(request, ""),
    }
    template = "moderation/_reader.html" if is_htmx(request) else "moderation/reader.html"
    response = TemplateResponse(request, template, context)
    if request.method == "POST" and form.errors:
        response.status_code = 400
    return response


def _act_on_reader(moderator: User, subject: User, data: dict[str, Any]) -> str:
    action, reason, text = data["action"], data.get("reason") or "", data.get("text") or ""
    name = subject.public_name
    if action == "warn":
        actions.warn_reader(moderator, subject, message=text)
        return f"{name} is warned: they see it on their next visit."
    if action == "premoderate":
        actions.premoderate_reader(moderator, subject, reason=reason, explanation=text)
        return f"{name}'s comments are held for review from now on."
    if action == "suspend":
        actions.suspend_reader(
            moderator, subject, until=data["until"], reason=reason, explanation=text
        )
        return f"{name} is suspended until {data['until']:%d %b %Y %H:%M}."
    if action == "ban":
        actions.ban_reader(
            moderator,
            subject,
            reason=reason,
            explanation=text,
            reject_comments=data.get("reject_comments", False),
        )
        return f"{name} is banned."
    if action == "lift":
        actions.lift_restrictions(moderator, subject, explanation=text)
        return f"{name}'s restrictions are lifted."
    actions.add_note(moderator, subject, text=text)
    return "Note added."


@require_POST
def decide_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    appeal = get_object_or_404(Appeal, pk=pk)
    form = AppealDecisionForm(request.POST)
    fallback = queue_url("appeals")
    if not form.is_valid():
        messages.error(request, f"Appeal {pk}: {_form_errors(form)}")
        return redirect(back_to(request, fallback))
    try:
        actions.decide_appeal(
            moderator,
            appeal,
            grant=form.cleaned_data["outcome"] == "grant",
            explanation=form.cleaned_data["explanation"],
        )
    except (ModerationError, PermissionDenied) as exc:
        messages.error(request, f"Appeal {pk}: {getattr(exc, 'message', None) or exc}")
    else:
        granted = form.cleaned_data["outcome"] == "grant"
        messages.success(
            request, f"Appeal {pk} {'granted: decision reversed' if granted else 'refused'}."
        )
    return redirect(back_to(request, fallback))


@require_POST
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    item = get_object_or_404(IllegalContentNotice, pk=pk)
    fallback = queue_url("notices")
    if request.POST.get("outcome") is None:
        actions.review_notice(moderator, item)
        messages.success(request, f"Notice {pk} is under review by you.")
        return redirect(back_to(request, fallback))
    form = NoticeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Notice {pk}: {_form_errors(form)}")
        return redirect(back_to(request, fallback))
    try:
        actions.decide_notice(
            moderator,
            item,
            remove=form.cleaned_data["outcome"] == "remove",
            legal_grounds=form.cleaned_data["legal_grounds"],
            reasoning=form.cleaned_data["reasoning"],
        )
    except ModerationError as exc:
        messages.error(request, f"Notice {pk}: {exc.message}")
    else:
        messages.success(request, f"Notice {pk} decided; the notifier is told.")
    return redirect(back_to(request, fallback))


@require_POST
def watch(request: HttpRequest, page_id: int) -> HttpResponse:
    moderator = moderator_of(request)
    page = get_object_or_404(ArticlePage, pk=page_id)
    watching = not Watch.objects.filter(moderator=moderator, page=page).exists()
    actions.watch_story(moderator, page, watching=watching)
    messages.success(request, f"{'Watching' if watching else 'No longer watching'} “{page.title}”.")
    fallback = f"{queue_url('reported')}?{urlencode({'article': page_id})}"
    return redirect(back_to(request, fallback))
