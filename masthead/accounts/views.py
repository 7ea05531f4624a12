"""Readers' own pages: the public profile, notifications, account settings, data download and
account deletion."""

from __future__ import annotations

import copy
import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from masthead.accounts import actions
from masthead.accounts.forms import AccountSettingsForm
from masthead.accounts.models import Notification, User
from masthead.community.listing import Cursor
from masthead.community.models import Comment
from masthead.moderation.actions import acknowledge_warning

PROFILE_PAGE_SIZE = 20
NOTIFICATIONS_PAGE_SIZE = 20


@require_safe
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader's public comments, newest first, paged by cursor."""
    reader = User.objects.filter(pk=pk, is_active=True).first()
    if reader is None:
        raise Http404("No such reader.")
    comments = (
        Comment.objects.filter(
            author=reader, status=Comment.Status.PUBLISHED, thread__page__live=True
        )
        .select_related("thread__page")
        .order_by("-created_at", "-id")
    )
    cursor = Cursor.decode(request.GET.get("after"))
    when = parse_datetime(cursor.value) if cursor is not None else None
    if cursor is not None and when is not None and when.tzinfo is not None:
        comments = comments.filter(Q(created_at__lt=when) | Q(created_at=when, id__lt=cursor.pk))
    page = list(comments[: PROFILE_PAGE_SIZE + 1])
    next_cursor = ""
    if len(page) > PROFILE_PAGE_SIZE:
        last = page[PROFILE_PAGE_SIZE - 1]
        next_cursor = Cursor(last.created_at.isoformat(), last.pk).encode()
    return TemplateResponse(
        request,
        "accounts/profile.html",
        {"reader": reader, "comments": page[:PROFILE_PAGE_SIZE], "next_cursor": next_cursor},
    )


@login_required
@require_safe
def notifications(request: HttpRequest) -> HttpResponse:
    """The reader's notifications, newest first, a page at a time; showing them reads them.

    ?before=<id> pages on from that notification. The page costs the same few queries however
    many notifications the reader has.
    """
    mine = Notification.objects.filter(reader_id=request.user.pk).order_by("-created_at", "-id")
    before = request.GET.get("before", "")
    if before.isdigit():
        # One query: the cursor's own date is looked up inside it. An id that is not one of the
        # reader's matches nothing, so it shows no one else's notifications, just none.
        anchor = mine.filter(pk=int(before)).values("created_at")[:1]
        mine = mine.filter(
            Q(created_at__lt=Subquery(anchor)) | Q(created_at=Subquery(anchor), id__lt=int(before))
        )
    page = list(mine[: NOTIFICATIONS_PAGE_SIZE + 1])
    older = page[NOTIFICATIONS_PAGE_SIZE - 1].pk if len(page) > NOTIFICATIONS_PAGE_SIZE else None
    page = page[:NOTIFICATIONS_PAGE_SIZE]
    if page:
        # The objects keep read_at as it was, so the page can still mark what is new.
        Notification.objects.filter(pk__in=[n.pk for n in page], read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return TemplateResponse(
        request,
        "accounts/notifications.html",
        {"notifications": page, "older": older, "paged": before.isdigit()},
    )


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The reader has read a warning: it stops showing on every page. Back where they were."""
    inbox = reverse("accounts:notifications")
    if not request.user.is_authenticated:
        return redirect_to_login(inbox)
    notification = get_object_or_404(Notification, pk=pk)
    acknowledge_warning(request.user, notification)  # type: ignore[arg-type]
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(back if back and safe else inbox)


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest) -> HttpResponse:
    """A reader's account: display name, reply e-mails, and links to e-mail and password."""
    user: User = request.user  # type: ignore[assignment]
    # The form writes into its instance as it validates; a refused name must not show up in the
    # masthead of the page that refuses it.
    form = AccountSettingsForm(request.POST or None, instance=copy.copy(user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_account(
                user,
                display_name=form.cleaned_data["display_name"],
                reply_notifications=form.cleaned_data["reply_notifications"],
            )
        except actions.AccountError as exc:
            form.add_error("display_name", exc.message)
        else:
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:settings")
    return TemplateResponse(
        request, "accounts/settings.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """What a reader's download contains (GET), and the download itself (POST)."""
    if request.method == "GET":
        return TemplateResponse(request, "accounts/export.html")
    data = actions.export_data(request.user)  # type: ignore[arg-type]
    filename = f"masthead-data-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Confirm with a password, erase the account, sign out, and say it is done."""
    user: User = request.user  # type: ignore[assignment]
    context = {"newsroom_account": actions.is_newsroom_account(user), "error": ""}
    if request.method == "POST":
        # Each attempt is a password guess: throttle them like sign-ins.
        limited = ratelimit.consume_or_429(request, action="reauthenticate", user=user)
        if limited:
            return limited
        try:
            actions.delete_account(user, password=request.POST.get("password", ""))
        except actions.AccountError as exc:
            context["error"] = exc.message
            return TemplateResponse(request, "accounts/delete.html", context, status=400)
        logout(request)
        messages.success(request, "Your account is deleted. Thank you for reading.")
        return redirect("/")
    return TemplateResponse(request, "accounts/delete.html", context)
