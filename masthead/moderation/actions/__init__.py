"""Moderators' decisions. Each checks permission, writes one transaction, logs one Decision, and
schedules what follows (statements of reasons, reporters told, e-mails) for after the commit.

The back office, bulk actions, management commands and tests all call these, so a permission or a
rule cannot be skipped by taking another way in. One module a sub-domain: base (errors, reasons,
permissions, claims, statements), comments, readers, appeals (with illegal-content notices).
"""

from masthead.moderation.actions.appeals import (
    appeal_decision,
    decide_appeal,
    decide_notice,
    review_notice,
)
from masthead.moderation.actions.base import (
    Claimed,
    ModerationError,
    RejectReason,
    can_moderate,
    can_see_personal_data,
    check_can_moderate,
    claim_comment,
    issue_statement,
    moderation_settings,
    release_claim,
)
from masthead.moderation.actions.comments import (
    approve_comment,
    bulk_decide,
    feature_comment,
    reject_comment,
    restore_comment,
)
from masthead.moderation.actions.readers import (
    acknowledge_warning,
    add_note,
    ban_reader,
    lift_restrictions,
    premoderate_reader,
    standing_of,
    suspend_reader,
    warn_reader,
    watch_story,
)

__all__ = [
    "Claimed",
    "ModerationError",
    "RejectReason",
    "acknowledge_warning",
    "add_note",
    "appeal_decision",
    "approve_comment",
    "ban_reader",
    "bulk_decide",
    "can_moderate",
    "can_see_personal_data",
    "check_can_moderate",
    "claim_comment",
    "decide_appeal",
    "decide_notice",
    "feature_comment",
    "issue_statement",
    "lift_restrictions",
    "moderation_settings",
    "premoderate_reader",
    "reject_comment",
    "release_claim",
    "restore_comment",
    "review_notice",
    "standing_of",
    "suspend_reader",
    "warn_reader",
    "watch_story",
]
