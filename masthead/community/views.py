"""The community's pages and htmx partials. Every action is also a plain form that works without
JavaScript: it redirects back to the comment. With htmx, the same view returns a partial."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from masthead.accounts.models import User
from masthead.community import actions, listing
from masthead.community.actions import CommunityError, community_settings
from masthead.community.forms import CommentForm, NoticeForm, ReportForm
from masthead.community.models import Comment, ReportReason, Thread
from masthead.lib.ratelimit import client_ip
from masthead.news.models import ArticlePage


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def live_article(page_id: int) -> ArticlePage:
    page = ArticlePage.objects.filter(pk=page_id, live=True).first()
    # One query for the restrictions above this page, rather than .public()'s scan of all.
    if page is None or page.get_view_restrictions().exists():
        raise Http404("No such article.")
    return page


def visible_comment(request: HttpRequest, pk: int) -> Comment:
    comment = (
        Comment.objects.visible_to(request.user)
        .select_related("author", "thread__page", "parent", "root")
        .filter(pk=pk)
        .first()
    )
    if comment is None or not comment.thread.page.live:
        raise Http404("This comment is not available.")
    return comment


def own_comment(request: HttpRequest, pk: int) -> Comment:
    comment = visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied("You can only change your own comments.")
    return comment


def card_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    """What one comment's card needs when htmx swaps it alone."""
    comment = visible_comment(request, pk)
    page = comment.thread.page
    return {
        "comment": comment,
        "page": page,
        "user": request.user,
        "can_comment": not comment.thread.is_closed() and actions.is_verified(request.user),  # type: ignore[arg-type]
        "recommended_ids": listing.recommended_by(request.user, [comment.pk]),
    }


def comment_url(comment: Comment) -> str:
    return reverse("community:permalink", args=[comment.pk])


def section_context(
    request: HttpRequest,
    page: ArticlePage,
    *,
    sort: listing.Sort = "newest",
    cursor: listing.Cursor | None = None,
) -> dict[str, Any]:
    """Everything the community section under an article needs, in a fixed number of queries."""
    settings = community_settings(page)
    thread = Thread.objects.filter(page=page).first()
    # An old story nobody has commented on is as closed as its thread will be.
    closed = (thread or actions.unsaved_thread(page, settings)).is_closed()
    user = request.user
    can_comment = bool(
        user.is_authenticated and not closed and actions.is_verified(user)  # type: ignore[arg-type]
    )
    page_of_thread = listing.thread_page(thread, user=user, sort=sort, cursor=cursor)
    return {
        "page": page,
        "community": settings,
        "thread": thread,
        "closed": closed,
        "listing": page_of_thread,
        "sorts": listing.SORTS,
        "can_comment": can_comment,
        "recommended_ids": page_of_thread.recommended,
        "form": CommentForm(settings=settings) if can_comment else None,
        "request": request,
        "user": user,
    }


@require_safe
def thread(request: HttpRequest, page_id: int) -> HttpResponse:
    """The thread under an article: a partial for htmx ("show more", sorting), else a redirect
    to the article page, which renders the same thread itself."""
    page = live_article(page_id)
    sort = listing.parse_sort(request.GET.get("sort"))
    cursor = listing.Cursor.decode(request.GET.get("after"))
    if not is_htmx(request):
        query = {k: v for k, v in (("sort", sort), ("after", request.GET.get("after"))) if v}
        return redirect(
            f"{page.url}?{urlencode(query)}#comments" if query else f"{page.url}#comments"
        )
    template = "community/_comments.html" if cursor else "community/_thread.html"
    return TemplateResponse(
        request, template, section_context(request, page, sort=sort, cursor=cursor)
    )


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, page_id: int) -> HttpResponse:
    """Write a comment or a reply. A page of its own without JavaScript; a partial with htmx."""
    page = live_article(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{page.url}#comments")
    settings = community_settings(page)
    parent = None
    if parent_id := request.POST.get("parent") or request.GET.get("reply_to"):
        if not str(parent_id).isdigit():
            raise Http404("No such comment.")
        parent = visible_comment(request, int(parent_id))
    form = CommentForm(request.POST or None, settings=settings)
    warning = ""
    if request.method == "POST" and form.is_valid():
        try:
            posted = actions.post_comment(
                request.user,  # type: ignore[arg-type]
                page,
                body=form.cleaned_data["body"],
                parent=parent,
                ip=client_ip(request),
                confirmed=form.cleaned_data["confirm"],
                settings=settings,
            )
        except CommunityError as exc:
            form.add_error(None, exc.message)
        else:
            if posted.outcome == "confirm":
                warning = posted.message
                form = CommentForm(
                    initial={"body": form.cleaned_data["body"], "confirm": True}, settings=settings
                )
            elif posted.outcome == "rejected":
                form.add_error("body", posted.message)
            else:
                return _posted(request, page, posted)
    context = {
        "page": page,
        "community": settings,
        "form": form,
        "parent": parent,
        "warning": warning,
    }
    if is_htmx(request):
        response = TemplateResponse(request, "community/_compose.html", context)
        if request.method == "POST":
            # The form targets the whole section for success; a warning or an error replaces
            # just the form, keeping what the reader wrote.
            response["HX-Retarget"] = f"#compose-{parent.pk if parent else 'new'}"
            response["HX-Reswap"] = "outerHTML"
        return response
    status = 400 if form.errors else 200
    return TemplateResponse(request, "community/compose.html", context, status=status)


def _posted(request: HttpRequest, page: ArticlePage, posted: actions.Posted) -> HttpResponse:
    assert posted.comment is not None
    comment = posted.comment
    if is_htmx(request):
        context = {**section_context(request, page), "flash": posted.message}
        return TemplateResponse(request, "community/section.html", context)
    messages.success(request, posted.message)
    return redirect(comment_url(comment))


@require_safe
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the page of the thread that holds this comment."""
    comment = visible_comment(request, pk)
    page = comment.thread.page
    root = comment.root or comment
    earlier_replies = 0
    if comment.root_id:
        earlier_replies = (
            Comment.objects.visible_to(request.user)
            .filter(root_id=comment.root_id, created_at__lt=comment.created_at)
            .count()
        )
    if earlier_replies >= listing.REPLIES_SHOWN:
        return redirect(f"{reverse('community:replies', args=[root.pk])}#{comment.anchor()}")
    cursor = listing.cursor_including(root, "newest")
    return redirect(f"{page.url}?{urlencode({'after': cursor.encode()})}#{comment.anchor()}")


@require_safe
def replies(request: HttpRequest, pk: int) -> HttpResponse:
    """All the replies to a top comment, a page at a time."""
    root = visible_comment(request, pk)
    if root.depth != 0:
        return redirect("community:replies", pk=root.root_id)
    after = None
    if raw := request.GET.get("after"):
        cursor = listing.Cursor.decode(raw)
        when = cursor and listing.parse_datetime(cursor.value)
        if cursor and when and when.tzinfo:
            after = (when, cursor.pk)
    node, more = listing.replies_page(root, user=request.user, after=after)
    next_cursor = listing.Cursor(more[0].isoformat(), more[1]).encode() if more else ""
    context = {
        "page": root.thread.page,
        "community": community_settings(root.thread.page),
        "node": node,
        "next_cursor": next_cursor,
        "on_replies_page": True,
        "recommended_ids": listing.recommended_by(
            request.user, [c.pk for c in listing.walk([node])]
        ),
        "user": request.user,
    }
    template = "community/_replies.html" if is_htmx(request) else "community/replies.html"
    return TemplateResponse(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = own_comment(request, pk)
    settings = community_settings(comment.thread.page)
    form = CommentForm(request.POST or None, initial={"body": comment.body}, settings=settings)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_comment(request.user, comment, body=form.cleaned_data["body"])  # type: ignore[arg-type]
        except CommunityError as exc:
            form.add_error(None, exc.message)
        else:
            if is_htmx(request):
                # The whole card: the "edited" mark sits in its header, not in the body.
                return TemplateResponse(
                    request, "community/_comment_card.html", card_context(request, comment.pk)
                )
            messages.success(request, "Your comment is updated.")
            return redirect(comment_url(comment))
    context = {"comment": comment, "form": form, "page": comment.thread.page, "community": settings}
    if is_htmx(request):
        response = TemplateResponse(request, "community/_edit.html", context)
        if request.method == "POST":  # errors replace the form alone, keeping the new text
            response["HX-Retarget"] = f"#edit-{comment.pk}"
            response["HX-Reswap"] = "outerHTML"
        return response
    return TemplateResponse(
        request, "community/edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = own_comment(request, pk)
    if request.method == "POST":
        try:
            actions.delete_comment(request.user, comment)  # type: ignore[arg-type]
        except CommunityError as exc:
            messages.error(request, exc.message)
            return redirect(comment_url(comment))
        if is_htmx(request):
            comment.refresh_from_db()
            return TemplateResponse(request, "community/_deleted.html", {"comment": comment})
        messages.success(request, "Your comment is deleted.")
        return redirect(f"{comment.thread.page.url}#comments")
    return TemplateResponse(
        request, "community/delete.html", {"comment": comment, "page": comment.thread.page}
    )


@require_POST
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    comment = visible_comment(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(comment_url(comment))
    try:
        recommended = actions.recommend_comment(request.user, comment)  # type: ignore[arg-type]
    except CommunityError as exc:
        if is_htmx(request):
            return HttpResponse(exc.message, status=409)
        messages.error(request, exc.message)
        return redirect(comment_url(comment))
    if is_htmx(request):
        comment.refresh_from_db(fields=["recommend_count"])
        return TemplateResponse(
            request,
            "community/_recommend.html",
            {"comment": comment, "recommended": recommended, "user": request.user},
        )
    return redirect(comment_url(comment))


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report dialog: a page without JavaScript, a <dialog> with it."""
    comment = visible_comment(request, pk)
    settings = community_settings(comment.thread.page)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason: ReportReason = form.cleaned_data["reason"]
        if reason.illegal:
            return redirect(f"{reverse('community:notice')}?comment={comment.pk}")
        try:
            actions.report_comment(
                request.user,  # type: ignore[arg-type]
                comment,
                reason=reason,
                note=form.cleaned_data["note"],
            )
        except CommunityError as exc:
            form.add_error(None, exc.message)
        else:
            context = {"community": settings, "comment": comment, "page": comment.thread.page}
            template = "community/_reported.html" if is_htmx(request) else "community/reported.html"
            return TemplateResponse(request, template, context)
    context = {"comment": comment, "form": form, "community": settings, "page": comment.thread.page}
    template = "community/_report.html" if is_htmx(request) else "community/report.html"
    return TemplateResponse(request, template, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest) -> HttpResponse:
    """Notice of illegal content (EU DSA Art. 16), open to everyone, signed in or not."""
    comment = None
    raw = request.GET.get("comment") or request.POST.get("comment")
    if raw and str(raw).isdigit():
        comment = (
            Comment.objects.visible().select_related("thread__page").filter(pk=int(raw)).first()
        )
    initial = {}
    if comment is not None:
        initial["comment_url"] = request.build_absolute_uri(comment_url(comment))
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = actions.send_notice(
            comment=comment or actions.comment_from_url(data["comment_url"]),
            comment_url=data["comment_url"],
            law=data["law"],
            explanation=data["explanation"],
            name=data["name"],
            email=data["email"],
            notifier=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
        )
        return TemplateResponse(request, "community/notice_sent.html", {"notice": sent})
    return TemplateResponse(
        request,
        "community/notice.html",
        {"form": form, "comment": comment},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop reply e-mails. GET asks (mail scanners follow links); POST does it (RFC 8058)."""
    from masthead.community.unsubscribe import user_id_from

    user_id = user_id_from(token)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return TemplateResponse(
            request, "community/unsubscribe.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        User.objects.filter(pk=user.pk).update(reply_notifications=False)
        return TemplateResponse(request, "community/unsubscribe.html", {"done": True})
    return TemplateResponse(request, "community/unsubscribe.html", {"token": token})


def csrf_exempt_unsubscribe() -> Any:
    """Mail clients post one-click unsubscribes without a CSRF token; the signed token is the
    proof instead."""
    from django.views.decorators.csrf import csrf_exempt

    return csrf_exempt(unsubscribe)


@require_http_methods(["GET", "POST"])
def admin_thread(request: HttpRequest, page_id: int) -> HttpResponse:
    """In the admin: close or reopen the comments under an article."""
    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404("No such article.")
    if not request.user.has_perm("community.change_thread"):
        raise PermissionDenied("You may not open or close comment threads.")
    thread = actions.thread_for(page)
    if request.method == "POST":
        if request.POST.get("closed") not in ("0", "1"):
            return HttpResponse(
                "Send closed=1 to close the comments or closed=0 to reopen.", status=400
            )
        closed = request.POST["closed"] == "1"
        actions.close_thread(page, closed=closed)
        messages.success(
            request,
            f"Comments on “{page.title}” are {'closed' if closed else 'open again'}.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request, "community/admin_thread.html", {"page": page, "thread": thread}
    )
