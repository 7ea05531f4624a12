"""One-click unsubscribe links: signed, so they work without signing in and cannot be forged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from masthead.accounts.models import User

SALT = "masthead.community.unsubscribe"


def token_for(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def user_id_from(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data.get("u") if isinstance(data, dict) else None
