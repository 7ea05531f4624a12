"""The moderation back office in a real Chromium, on the demo newsroom: a moderator works the
Reported queue from the keyboard, the author reads the statement of reasons and appeals, and a
second moderator decides the appeal."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from masthead.accounts.models import User
from masthead.community.models import Comment
from masthead.community.tests.test_browser import (  # the demo newsroom on a live server
    mark_document,
    newsroom,  # noqa: F401 - a fixture
    problems,
    same_document,
    signed_in_context,
)
from masthead.moderation.models import Appeal, Decision, Statement
from masthead.newsroom import demo_moderation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JIBE = next(text for key, _, _, text, _ in demo_moderation.PROBLEMS if key == "jibe")


def test_a_moderator_rejects_from_the_keyboard_the_author_appeals_another_moderator_decides(
    newsroom: str,  # noqa: F811 - the fixture imported above
    browser_context: Callable[..., BrowserContext],
) -> None:
    moderator = User.objects.get(username="moderator")
    lead = User.objects.get(username="lead")
    author = User.objects.get(username=demo_moderation.TROUBLEMAKER["username"])
    jibe = Comment.objects.get(body=JIBE)

    # The moderator opens the Reported queue; the first card is selected and held for them.
    desk: Page = signed_in_context(browser_context, newsroom, moderator).new_page()
    failures = problems(desk)
    desk.goto(f"{newsroom}/admin/moderation/queues/reported/")
    expect(desk.locator(".mod-card--current")).to_have_count(1)
    mark_document(desk)

    # The help overlay lists the keys.
    desk.keyboard.press("?")
    expect(desk.get_by_role("dialog")).to_contain_text("next / previous card")
    desk.keyboard.press("Escape")
    expect(desk.get_by_role("dialog")).to_be_hidden()

    # j moves down the queue until the jibe's card is the current one; it is held for them.
    card = desk.locator(f"#card-{jibe.pk}")
    for _ in range(5):
        if "mod-card--current" in (card.get_attribute("class") or ""):
            break
        desk.keyboard.press("j")
    expect(card).to_have_class(re.compile(r"\bmod-card--current\b"))

    # u opens the writer's panel beside the queue; Escape closes it.
    desk.keyboard.press("u")
    expect(desk.locator("#reader-panel")).to_contain_text(author.public_name)
    expect(desk.locator("#reader-panel")).to_contain_text("Standing: can comment")
    desk.keyboard.press("Escape")
    expect(desk.locator("#reader-panel")).to_be_empty()

    # r goes to the reason; choosing it and pressing Enter rejects, without a page load.
    desk.keyboard.press("r")
    reason = card.locator("select[name=reason]")
    expect(reason).to_be_focused()
    reason.select_option("harassment")
    reason.press("Enter")
    expect(card).to_contain_text("Rejected (harassment)")
    assert same_document(desk)
    # The next card comes up for the keyboard.
    now_current = desk.locator(".mod-card--current")
    expect(now_current).to_have_count(1)
    expect(now_current).not_to_have_attribute("id", f"card-{jibe.pk}")
    jibe.refresh_from_db()
    assert jibe.status == Comment.Status.REJECTED
    decision = Decision.objects.get(comment=jibe, action="reject")
    assert (decision.moderator, decision.reason) == (moderator, "harassment")

    # The author sees a notification, opens the statement and appeals.
    reader: Page = signed_in_context(browser_context, newsroom, author).new_page()
    reader.goto(newsroom + "/")
    reader.get_by_role("link", name="Notifications").first.click()
    removed = reader.locator(".notification", has_text="Your comment was removed").first
    removed.get_by_role("link", name="Our reasons, and how to appeal").click()
    statement = Statement.objects.get(decision=decision)
    expect(reader).to_have_url(f"{newsroom}/moderation/statements/{statement.pk}/")
    expect(reader.locator("main")).to_contain_text("Harassment")  # the ground relied on
    expect(reader.locator("main")).to_contain_text("taken by one of our moderators")
    expect(reader.locator("main")).to_contain_text("you clearly haven't set foot in a library")
    reader.get_by_label("Why do you think we got this wrong?").fill(
        "It was a joke between regulars, not harassment."
    )
    reader.get_by_role("button", name="Send my appeal").click()
    expect(reader.locator("main")).to_contain_text("awaiting review")
    appeal = Appeal.objects.get(statement=statement)

    # The moderator who decided cannot decide the appeal.
    desk.goto(f"{newsroom}/admin/moderation/queues/appeals/")
    mine = desk.locator(f"#appeal-{appeal.pk}")
    expect(mine).to_contain_text("another moderator must review the appeal")
    expect(mine.get_by_role("button", name="Decide the appeal")).to_have_count(0)

    # A second moderator reverses it; the comment is back and the author is told.
    second: Page = signed_in_context(browser_context, newsroom, lead).new_page()
    second.goto(f"{newsroom}/admin/moderation/queues/appeals/")
    theirs = second.locator(f"#appeal-{appeal.pk}")
    expect(theirs).to_contain_text("It was a joke between regulars")
    theirs.get_by_label("Reverse it: restore the comment").check()
    theirs.get_by_label("Explanation for the reader").fill("Read in context, it is banter.")
    theirs.get_by_role("button", name="Decide the appeal").click()
    expect(second.get_by_role("status").first).to_contain_text("granted")
    jibe.refresh_from_db()
    assert jibe.status == Comment.Status.PUBLISHED
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decided_by) == (Appeal.Status.GRANTED, lead)

    reader.goto(f"{newsroom}/moderation/statements/{statement.pk}/")
    expect(reader.locator("main")).to_contain_text("Read in context, it is banter.")
    assert any(m.to == [author.email] for m in mail.outbox)
    assert failures == []
