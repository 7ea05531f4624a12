"""The contribute page, Checkout's return pages, test mode, claiming, managing, the webhook."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from masthead.lib.emails import absolute
from masthead.news.models import ArticlePage
from masthead.support import actions, stripe_client, webhooks
from masthead.support.actions import SupportError, support_settings
from masthead.support.forms import ClaimRequestForm, ContributeForm, parse_money, positive_int
from masthead.support.models import Contribution, Frequency, Supporter

logger = logging.getLogger(__name__)


def initial_from_query(request: HttpRequest) -> dict[str, Any]:
    """Where the reader came from and what the appeal suggested; bad values are dropped."""
    frequency = request.GET.get("frequency", "")
    initial: dict[str, Any] = {
        "frequency": frequency if frequency in Frequency.values else Frequency.ONE_OFF,
        "campaign": positive_int(request.GET.get("campaign")),
        "variant": request.GET.get("variant", "")[:50],
        "article": positive_int(request.GET.get("article")),
    }
    if initial["article"] and not ArticlePage.objects.filter(pk=initial["article"]).exists():
        initial["article"] = None
    cents = parse_money(request.GET.get("amount"))
    if cents is not None:
        initial["cents"] = cents
    if request.user.is_authenticated:
        initial["email"] = request.user.email  # type: ignore[union-attr]
    return initial


def frequency_links(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    """One plain link per frequency, keeping the other parameters: works without JavaScript."""
    links = []
    if request.method == "POST":
        # After an error, keep where the reader came from (the form carried it).
        base = QueryDict(mutable=True)
        for key in ("campaign", "variant", "article"):
            if request.POST.get(key):
                base[key] = request.POST[key]
    else:
        base = request.GET
    for value, label in Frequency.choices:
        query = base.copy()
        query["frequency"] = value
        query.pop("amount", None)
        links.append({"label": label, "url": f"?{query.urlencode()}", "current": value == current})
    return links


@require_http_methods(["GET", "HEAD", "POST"])
def contribute(request: HttpRequest) -> HttpResponse:
    support = support_settings()
    if request.method == "POST":
        frequency = request.POST.get("frequency", "")
        if frequency not in Frequency.values:
            frequency = Frequency.ONE_OFF
        form = ContributeForm(request.POST, support=support, frequency=frequency)
        if form.is_valid():
            return _start(request, form)
    else:
        initial = initial_from_query(request)
        frequency = initial["frequency"]
        cents = initial.pop("cents", None)
        form = ContributeForm(initial=initial, support=support, frequency=frequency)
        if cents is not None:
            if cents in form.presets:
                form.initial["amount"] = str(cents)
            else:
                form.initial["other_amount"] = f"{cents / 100:.2f}".removesuffix(".00")
        elif form.presets:
            form.initial["amount"] = str(form.presets[min(1, len(form.presets) - 1)])
    context = {
        "form": form,
        "support": support,
        "frequency": frequency,
        "frequencies": frequency_links(request, frequency),
        "test_mode": actions.is_test_mode(),
        "available": actions.can_take_contributions(),
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "support/contribute.html", context, status=status)


def _start(request: HttpRequest, form: ContributeForm) -> HttpResponse:
    data = form.cleaned_data
    article = ArticlePage.objects.filter(pk=data["article"]).first() if data["article"] else None
    try:
        contribution = actions.start_contribution(
            reader=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
            email=data["email"],
            amount=data["cents"],
            frequency=data["frequency"],
            campaign_id=data["campaign"],
            variant=data["variant"] or "",
            article=article,
        )
        token = actions.contribution_token(contribution)
        if contribution.test_mode:
            return redirect("support:test_checkout", token=token)
        url = actions.begin_checkout(
            contribution,
            success_url=absolute(reverse("support:thanks", args=[token])),
            cancel_url=absolute(reverse("support:cancelled", args=[token])),
        )
    except (SupportError, stripe_client.StripeNotConfigured) as exc:
        form.add_error(None, str(exc))
    except stripe_client.StripeUnavailable:
        logger.exception("could not open a Stripe Checkout session")
        form.add_error(
            None,
            "Our payment provider could not be reached. Nothing was charged; please try again.",
        )
    else:
        return HttpResponseRedirect(url, status=303)
    context = {
        "form": form,
        "support": support_settings(),
        "frequency": data["frequency"],
        "frequencies": frequency_links(request, data["frequency"]),
        "test_mode": actions.is_test_mode(),
        "available": True,
    }
    return TemplateResponse(request, "support/contribute.html", context, status=400)


def _by_token(token: str) -> Contribution:
    contribution = actions.contribution_from_token(token)
    if contribution is None:
        raise Http404("This link is not valid.")
    return contribution


@require_http_methods(["GET", "HEAD", "POST"])
def test_checkout(request: HttpRequest, token: str) -> HttpResponse:
    """Test mode's stand-in for Stripe Checkout: no card, no money, same fulfilment."""
    contribution = _by_token(token)
    if not contribution.test_mode:
        raise Http404("Only test contributions are completed here.")
    error = ""
    if request.method == "POST":
        try:
            actions.complete_test_contribution(contribution)
        except SupportError as exc:
            error = str(exc)
        else:
            return redirect("support:thanks", token=token)
    return TemplateResponse(
        request,
        "support/test_checkout.html",
        {"contribution": contribution, "error": error},
        status=400 if error else 200,
    )


@require_safe
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    contribution = _by_token(token)
    claimable = (
        contribution.reader_id is None
        and contribution.status == Contribution.Status.PAID
        and request.user.is_authenticated
    )
    return TemplateResponse(
        request,
        "support/thanks.html",
        {
            "contribution": contribution,
            "support": support_settings(),
            "claim_token": actions.claim_token(contribution) if claimable else "",
        },
    )


@require_safe
def cancelled(request: HttpRequest, token: str) -> HttpResponse:
    contribution = _by_token(token)
    query = {"frequency": contribution.frequency, "amount": f"{contribution.amount / 100:g}"}
    if contribution.campaign_id:
        query["campaign"] = str(contribution.campaign_id)
    if contribution.variant:
        query["variant"] = contribution.variant
    if contribution.article_id:
        query["article"] = str(contribution.article_id)
    return TemplateResponse(
        request,
        "support/cancelled.html",
        {"retry": f"{reverse('support:contribute')}?{urlencode(query)}"},
    )


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's events: signature checked on the raw body, each event applied once."""
    try:
        event = stripe_client.verify_event(request.body, request.headers.get("Stripe-Signature"))
    except stripe_client.BadSignature:
        logger.warning("stripe webhook with a bad signature refused")
        return HttpResponse("Bad signature.", status=400, content_type="text/plain")
    except stripe_client.MalformedEvent as exc:
        logger.warning("malformed stripe webhook refused: %s", exc)
        return HttpResponse("Malformed event.", status=400, content_type="text/plain")
    try:
        record = webhooks.handle_event(event)
    except SupportError as exc:
        logger.error("stripe event %s refused: %s", event["id"], exc)
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    body = "Seen before." if record is None else f"{record.outcome}: {record.note}"
    return HttpResponse(body, content_type="text/plain")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """The reader's support: status, contributions, and the way to Stripe's customer portal."""
    user: Any = request.user
    test_mode = actions.is_test_mode()
    if request.method == "POST" and not test_mode:
        try:
            return redirect(
                actions.portal_url(user, return_url=absolute(reverse("support:manage")))
            )
        except SupportError as exc:
            messages.error(request, str(exc))
        except stripe_client.StripeUnavailable:
            logger.exception("could not open a Stripe customer portal session")
            messages.error(request, "Stripe could not be reached; please try again shortly.")
        return redirect("support:manage")
    supporter = Supporter.objects.filter(reader=user).first()
    context = {
        "supporter": supporter,
        "is_supporter": supporter is not None and supporter.is_current(),
        "contributions": Contribution.objects.filter(reader=user)
        .exclude(status=Contribution.Status.PENDING)
        .select_related("renewal_of")[:100],
        "test_mode": test_mode,
        "portal_preview": test_mode and request.method == "POST",
    }
    return TemplateResponse(request, "support/manage.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def claim_request(request: HttpRequest) -> HttpResponse:
    """Anonymous givers ask for links to add their contributions to their account."""
    form = ClaimRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.request_claim_links(form.cleaned_data["email"])
        messages.success(
            request,
            "If we have contributions from that address, we have e-mailed a link to add them "
            "to your account.",
        )
        return redirect("support:claim_request")
    return TemplateResponse(
        request, "support/claim_request.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def claim(request: HttpRequest, token: str) -> HttpResponse:
    """A claim link from an e-mail: signed in, the reader confirms and the gift is theirs."""
    contribution = actions.contribution_from_claim_token(token)
    if contribution is None:
        return TemplateResponse(request, "support/claim_invalid.html", status=404)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            actions.claim_contribution(contribution, request.user)  # type: ignore[arg-type]
        except SupportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "The contribution is now part of your account. Thank you!")
        return redirect("support:manage")
    return TemplateResponse(request, "support/claim.html", {"contribution": contribution})
