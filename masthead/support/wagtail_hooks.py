"""Reader support in the admin: a read-only list of contributions for the publisher.

Money is changed only by Stripe's events and the reconciliation command, never by hand in the
admin, so nobody (not even a superuser) gets add, edit or delete screens here.
"""

from typing import Any

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from masthead.support.models import Contribution

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Django's view permission decides who may look; nobody may write."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user: Any, actions: Any, instance: Any) -> bool:
        return self.user_has_any_permission(user, actions)


register_permission_policy(Contribution, ReadOnlyPolicy(Contribution))


class ContributionViewSet(ModelViewSet):
    model = Contribution
    icon = "pick"
    menu_label = "Contributions"
    menu_order = 270
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    # Required by ModelViewSet; the edit screen it would serve is refused by ReadOnlyPolicy.
    form_fields = ["email"]
    search_backend_name = None
    search_fields = ["email"]
    list_display = [
        "created_at",
        "display_amount",
        "frequency",
        "status",
        "email",
        "campaign_id",
        "variant",
        "test_mode",
    ]
    list_filter = ["status", "frequency", "test_mode"]
    list_export = [
        "pk",
        "created_at",
        "paid_at",
        "amount",
        "currency",
        "frequency",
        "status",
        "email",
        "campaign_id",
        "variant",
        "test_mode",
    ]
    inspect_view_fields = [
        "created_at",
        "paid_at",
        "amount",
        "currency",
        "frequency",
        "status",
        "email",
        "reader",
        "campaign_id",
        "variant",
        "article",
        "test_mode",
        "renewal_of",
        "stripe_session_id",
        "stripe_invoice_id",
        "stripe_subscription_id",
        "stripe_customer_id",
        "subscription_status",
        "receipt_sent_at",
    ]


@hooks.register("register_admin_viewset")
def contribution_viewset() -> ModelViewSet:
    return ContributionViewSet("contributions")
