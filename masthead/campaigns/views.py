"""The endpoints campaigns.js talks to, and the publisher's results screens."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from masthead.campaigns import actions, description, results
from masthead.campaigns.models import VARIANT_KEY, Campaign
from masthead.lib.ratelimit import Quota, client_ip

# A browser sends at most a view and a click or dismissal per appeal per page; a reader paging
# quickly through articles stays far below this. Beyond it, events are refused, not queued.
TRACK_QUOTA = Quota("campaigns-track", limit=60, seconds=60)
MAX_TRACK_BYTES = 512


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_safe
def active(request: HttpRequest) -> HttpResponse:
    """The live campaigns, the same for everyone: cacheable by browsers and proxies."""
    response = JsonResponse(description.active())
    patch_cache_control(response, public=True, max_age=description.CACHE_SECONDS)
    return response


@require_safe
def me(request: HttpRequest) -> HttpResponse:
    """Whether this reader is a supporter (never cached), and for a signed-in reader the CSRF
    token the "I already support" POST needs, since the cached page carries none."""
    data: dict[str, Any] = {
        "signed_in": request.user.is_authenticated,
        "supporter": actions.reader_is_supporter(request.user),
    }
    if request.user.is_authenticated:
        data["csrf_token"] = get_token(request)
    response = JsonResponse(data)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


@csrf_exempt  # sent from cached pages, which carry no token; it can only add to counters
@require_POST
def track(request: HttpRequest) -> HttpResponse:
    """Count one event of a live campaign's variant: campaign, variant, event=view|click|dismiss."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error("Bad Content-Length.", 400)
    if length > MAX_TRACK_BYTES:
        return _error("Too large.", 413)
    identity = client_ip(request) or "unknown"
    wait = TRACK_QUOTA.retry_after(identity)
    if wait:
        response = _error("Too many events; try again later.", 429)
        response["Retry-After"] = str(wait)
        return response
    campaign_id = request.POST.get("campaign", "")
    variant = request.POST.get("variant", "")
    event = request.POST.get("event", "")
    if not re.fullmatch(r"\d{1,9}", campaign_id):
        return _error("campaign must be a campaign's number.", 400)
    if not VARIANT_KEY.fullmatch(variant):
        return _error("variant must be a variant's key.", 400)
    if event not in actions.COUNTER:
        return _error("event must be one of view, click, dismiss.", 400)
    known = next(
        (c for c in description.active()["campaigns"] if c["id"] == int(campaign_id)), None
    )
    if known is None:
        return _error("No such live campaign.", 404)
    if variant not in {v["key"] for v in known["variants"]}:
        return _error("The campaign has no such variant.", 404)
    TRACK_QUOTA.record(identity)
    actions.record_event(campaign_id=int(campaign_id), variant=variant, event=event)  # type: ignore[arg-type]
    return HttpResponse(status=204)


@require_POST
def already_support(request: HttpRequest) -> HttpResponse:
    """ "I already support": recorded on a signed-in reader's account; anyone's browser also
    remembers it. A plain form post is sent back where it came from."""
    recorded = False
    if request.user.is_authenticated:
        recorded = actions.declare_reader_support(request.user)  # type: ignore[arg-type]
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return JsonResponse({"recorded": recorded})


# Admin ----------------------------------------------------------------------------------------


def _may_see_results(request: HttpRequest) -> None:
    if not request.user.has_perm("campaigns.change_campaign"):
        raise PermissionDenied


@login_required
@require_safe
def results_index(request: HttpRequest) -> TemplateResponse:
    _may_see_results(request)
    campaigns = Campaign.objects.order_by("-live", "-priority", "pk")
    return TemplateResponse(request, "campaigns/admin/results_index.html", {"campaigns": campaigns})


@login_required
@require_safe
def results_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    _may_see_results(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    rows = results.campaign_results(campaign)
    return TemplateResponse(
        request,
        "campaigns/admin/results_detail.html",
        {
            "campaign": campaign,
            "rows": rows,
            "has_contributions": results.contribution_model() is not None,
        },
    )
