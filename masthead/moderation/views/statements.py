"""What readers see of moderators' decisions: their statements of reasons, and appeals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from masthead.accounts.models import Notification, User
from masthead.moderation import actions
from masthead.moderation.forms import AppealForm
from masthead.moderation.models import Appeal, Decision, ModerationSettings, Statement
from masthead.moderation.statements import appeal_outcome_text

# The page's headline for each kind of restriction: the same words as the notification's title.
HEADLINES: dict[str, str] = {
    Decision.Action.REJECT: "Your comment was removed",
    Decision.Action.SUSPEND: "Your account is suspended from commenting",
    Decision.Action.BAN: "Your account can no longer comment",
    Decision.Action.PREMODERATE: "Your comments will be reviewed before they appear",
}


def own_statement(request: HttpRequest, pk: int) -> Statement:
    """The statement, if it was written to the signed-in reader; nobody else learns it exists."""
    statement = (
        Statement.objects.select_related("decision", "comment", "appeal")
        .filter(pk=pk, reader_id=request.user.pk)
        .first()
    )
    if statement is None:
        raise Http404("No such statement.")
    return statement


def headline(statement: Statement) -> str:
    return HEADLINES.get(statement.decision.action, "A decision about your account")


def render_statement(
    request: HttpRequest, statement: Statement, form: AppealForm | None = None
) -> TemplateResponse:
    appeal: Appeal | None = getattr(statement, "appeal", None)
    context = {
        "statement": statement,
        "headline": headline(statement),
        "appeal": appeal,
        "outcome": appeal_outcome_text(appeal)
        if appeal and appeal.status != Appeal.Status.PENDING
        else "",
        "can_appeal": statement.can_appeal(),
        "form": form or AppealForm(),
        "moderation": ModerationSettings.for_request(request),
    }
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, "moderation/statement.html", context, status=status)


@login_required
@require_safe
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement of reasons (EU DSA Art. 17), with the way to appeal it or the appeal made."""
    found = own_statement(request, pk)
    Notification.objects.filter(
        reader_id=request.user.pk, link=request.path, read_at__isnull=True
    ).update(read_at=timezone.now())
    return render_statement(request, found)


@require_POST
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a second look. Whatever goes wrong, the page comes back with the reader's words."""
    page = reverse("moderation:statement", args=[pk])
    if not request.user.is_authenticated:
        # Back to the statement after signing in: this address only takes a POST.
        return redirect_to_login(page)
    found = own_statement(request, pk)
    form = AppealForm(request.POST)
    if form.is_valid():
        reader: User = request.user  # type: ignore[assignment]
        try:
            actions.appeal_decision(reader, found, note=form.cleaned_data["note"])
        except actions.ModerationError as exc:
            form.add_error("note", exc.message)
        else:
            messages.success(
                request,
                "Your appeal has reached our moderators. One who did not take the decision "
                "will review it, and we will tell you the outcome here and by e-mail.",
            )
            return redirect(page)
    return render_statement(request, found, form)
