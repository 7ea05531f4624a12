"""The readers' community in a real Chromium: signing up, commenting, replying, editing,
recommending and reporting, with JavaScript (htmx) and without it, on a desktop and a phone.

Like the newsroom's browser tests, the live server runs in a thread of this process: the database
is transactional, serialized_rollback puts back what the migrations made (the report reasons
among it), and e-mails land in django.core.mail.outbox (the locmem backend).

Where a reader can get past a shortcoming (a missing "edited", a small button), the check is "soft":
it screenshots the spot into var/test-artifacts/, the walk-through goes on, and the test fails at
the end listing every shortcoming, so one fault does not hide the steps after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import BrowserContext, Locator, Page, Request, Response, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from masthead.accounts.models import User
from masthead.community.models import (
    Comment,
    CommunitySettings,
    IllegalContentNotice,
    Recommendation,
    Report,
    ReportReason,
)
from masthead.lib.testing import PASSWORD, make_user
from masthead.news.models import ArticlePage
from masthead.newsroom import demo, demo_comments

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 32  # px: the smallest control a thumb should have to hit
STORM = "overnight-storm-power-cuts-coast-road-closed"
NEW_READER = {"email": "nell.quarry@example.org", "name": "Nell Quarry"}
NEW_PASSWORD = "a long harbour password 42"
ARTIFACTS_DIR = Path(django_settings.BASE_DIR) / "var" / "test-artifacts"


@pytest.fixture
def newsroom(live_server: LiveServer, settings: Settings) -> str:
    """The demo newsroom on the live server, its base URL.

    The cache holds rate-limit counters keyed by user id, and the flush between tests gives ids
    out again from 1, so it starts empty too.
    """
    cache.clear()
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    demo.build()
    site = Site.objects.get(is_default_site=True)
    address = urlsplit(live_server.url)
    assert (site.hostname, site.port) == (address.hostname, address.port)
    # The demo posts its conversations through the real action, which e-mails reply notices.
    mail.outbox.clear()
    # A walk-through posts a comment and a reply seconds apart, from an account minutes old. The
    # publisher's defaults would hold a reader's first two comments for a moderator and make a
    # new account wait 30 s between comments: screening rules with tests of their own
    # (test_screening), not what these tests are about. They are set aside here.
    community = CommunitySettings.for_site(site)
    community.hold_first_comments = 0
    community.seconds_between_comments = 0
    community.seconds_between_comments_new_reader = 0
    community.save()
    return live_server.url


def storm_url(base_url: str) -> str:
    return base_url + ArticlePage.objects.get(slug=STORM).url


def demo_comment(key: str) -> Comment:
    """One of the demo readers' comments, by its key in demo_comments.COMMENTS."""
    data = next(c for c in demo_comments.COMMENTS if c["key"] == key)
    return Comment.objects.select_related("author").get(body=data["text"])


def own(comment: Comment, page: Page) -> Locator:
    """The comment's own article (its meta, body and actions), without its replies."""
    return page.locator(f"#comment-{comment.pk} > article")


def submit_of(form: Locator) -> Locator:
    return form.locator("button[type=submit], input[type=submit]")


class Shortcomings:
    """Checks that let the walk-through go on when they fail: each failure is screenshotted
    where it happened, and the test fails at the end with all of them."""

    def __init__(self, page: Page, test_name: str) -> None:
        self.page, self.test_name = page, test_name
        self.found: list[str] = []

    def __call__(
        self, expectation: Callable[[], None], what: str, where: Locator | None = None
    ) -> None:
        """Run the expectation; on failure, screenshot `where` (else the page) and go on."""
        try:
            expectation()
        except AssertionError as error:
            ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS_DIR / f"{self.test_name}-{len(self.found) + 1}.png"
            if where is not None:
                where.screenshot(path=shot)
            else:
                self.page.screenshot(path=shot, full_page=True)
            first_line = str(error).strip().splitlines()[0]
            self.found.append(f"{what} (screenshot {shot}): {first_line}")

    def assert_none(self) -> None:
        assert not self.found, "\n".join(self.found)


def problems(page: Page) -> list[str]:
    """Start recording what goes wrong in the page: script errors, error statuses, failed
    requests."""
    found: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            found.append(f"{response.status} {response.request.method} {response.url}")

    def on_request_failed(request: Request) -> None:
        # Leaving a page cancels what it still had in flight (an appeal's "seen" beacon, the
        # supporter check): the page gave up on it, nothing failed. Errors still show as statuses.
        if request.failure == "net::ERR_ABORTED":
            return
        found.append(f"{request.failure} {request.url}")

    page.on("pageerror", lambda error: found.append(f"script error: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    return found


def mark_document(page: Page) -> None:
    """Tag the loaded document: the tag survives htmx swaps and vanishes on a page load."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def sign_in(page: Page, email: str, password: str) -> None:
    """Fill in allauth's sign-in page, wherever its fields stand."""
    form = page.locator("form", has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    submit_of(form).click()


def signed_in_context(
    browser_context: Callable[..., BrowserContext], base_url: str, user: User, **options: Any
) -> BrowserContext:
    """A browser context that carries the reader's session, for tests not about signing in."""
    client = Client()
    client.force_login(user)
    context = browser_context(**options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
    return context


def test_a_reader_signs_up_verifies_comments_replies_edits_recommends_and_reports(
    page: Page, newsroom: str, request: pytest.FixtureRequest
) -> None:
    failures = problems(page)
    check = Shortcomings(page, request.node.name)
    article = storm_url(newsroom)
    community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))

    # Signed out, Report asks the reader to sign in, in a page that is still one page.
    page.goto(article)
    section = page.locator("#community")
    own(demo_comment("storm-6"), page).get_by_role("link", name="Report").click()
    expect(page.locator("input[name=password]")).to_be_visible()
    check(
        lambda: expect(page.get_by_role("banner")).to_have_count(1, timeout=500),
        "signed out, Report puts the whole sign-in page (masthead, nav, footer) in the dialog",
        where=page.locator("dialog#community-dialog"),
    )

    # Signed out, the section invites the reader to create an account.
    page.goto(article)
    expect(section.locator(".community__prompt")).to_contain_text(community.sign_in_prompt)
    section.get_by_role("link", name="create an account").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    signup = page.locator("form", has=page.locator("input[name=password1]"))
    signup.locator("input[name=email]").fill(NEW_READER["email"])
    signup.locator("input[name=display_name]").fill(NEW_READER["name"])
    signup.locator("input[name=password1]").fill(NEW_PASSWORD)
    submit_of(signup).click()

    if django_settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory":
        # Not signed in until the address is confirmed: told to look for the e-mail.
        expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
        expect(page.get_by_role("status").last).to_contain_text("Follow the link")
    else:
        # Back at the story, signed in, but asked to confirm the address before commenting.
        expect(page).to_have_url(article + "#comments")
        expect(section.locator(".community__prompt")).to_contain_text(community.verify_prompt)
        expect(section.locator("textarea[name=body]")).to_have_count(0)
    reader = User.objects.get(email=NEW_READER["email"])
    assert reader.display_name == NEW_READER["name"]
    [message] = [m for m in mail.outbox if m.to == [NEW_READER["email"]]]
    body = str(message.body)
    link = re.search(r"https?://\S+/confirm-email/\S+", body)
    assert link, f"no confirmation link in: {body}"
    assert link.group(0).startswith(newsroom + "/"), link.group(0)

    page.goto(link.group(0))
    expect(page.get_by_role("main")).to_contain_text(NEW_READER["email"])
    confirm = page.locator("form[action*='/confirm-email/']")
    submit_of(confirm).click()
    expect(page).not_to_have_url(re.compile(r"/confirm-email/"))
    assert EmailAddress.objects.get(user=reader, email=NEW_READER["email"]).verified
    # Confirming signs the reader in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION).
    expect(page.locator(".masthead__account")).to_contain_text(NEW_READER["name"])

    # A comment, typed and posted without leaving the page.
    page.goto(article)
    mark_document(page)
    compose = section.locator("#compose-new")
    box = compose.locator("textarea[name=body]")
    text = "The generators at the lifeboat station kept the whole of Coombe End lit last night."
    box.press_sequentially(text[:20])
    expect(compose.locator(".compose__counter")).to_have_text(
        f"{community.max_length - 20} characters left"
    )
    box.press_sequentially(text[20:])
    expect(compose.locator(".compose__counter")).to_have_text(
        f"{community.max_length - len(text)} characters left"
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        compose.get_by_role("button", name="Post comment").click()
    assert posted.value.request.headers.get("hx-request") == "true"
    expect(section.locator(".community__flash")).to_have_text("Your comment is published.")
    mine = Comment.objects.get(author=reader, parent=None)
    assert (mine.body, mine.status) == (text, Comment.Status.PUBLISHED)
    expect(own(mine, page).locator(".comment__body")).to_have_text(text)
    expect(own(mine, page).locator(".comment__author")).to_have_text(NEW_READER["name"])
    expect(page).to_have_url(article)
    assert same_document(page), "posting the comment loaded a new page"
    expect(section.locator("#compose-new textarea[name=body]")).to_have_value("")

    # Reply to another reader: the form opens under their comment, and Cancel takes it away.
    amir = demo_comment("storm-7")
    slot = page.locator(f"#reply-slot-{amir.pk}")
    own(amir, page).get_by_role("link", name="Reply").click()
    reply_box = slot.locator("textarea[name=body]")
    expect(reply_box).to_be_visible()
    expect(reply_box).to_be_focused()
    assert amir.author is not None
    expect(slot.locator(".compose__to")).to_have_text(f"Replying to {amir.author.public_name}")
    slot.get_by_role("link", name="Cancel").click()
    expect(slot.locator("form")).to_have_count(0)
    expect(own(amir, page).get_by_role("link", name="Reply")).to_be_focused()
    expect(page).to_have_url(article)

    own(amir, page).get_by_role("link", name="Reply").click()
    reply_text = (
        "The replacement buses were running every twenty minutes by nine, for what it's worth."
    )
    reply_box.fill(reply_text)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        slot.get_by_role("button", name="Post reply").click()
    assert posted.value.ok, f"{posted.value.status} {posted.value.text()[:500]}"
    expect(section.locator(".community__flash")).to_have_text("Your comment is published.")
    expect(page.locator(f"#replies-{amir.pk}")).to_contain_text(reply_text)
    reply = Comment.objects.get(author=reader, parent=amir)
    nested = page.locator(f"#comment-{amir.pk} > #replies-{amir.pk} > #comment-{reply.pk}")
    expect(nested.locator(".comment__body")).to_have_text(reply_text)
    expect(nested.locator(".comment__author")).to_have_text(NEW_READER["name"])
    assert same_document(page), "posting the reply loaded a new page"

    # Edit one's own comment within the window.
    edited_text = text.replace("last night", "all night")
    own(mine, page).get_by_role("link", name="Edit").click()
    edit_box = own(mine, page).locator("textarea[name=body]")
    expect(edit_box).to_have_value(text)
    edit_box.fill(edited_text)
    own(mine, page).get_by_role("button", name="Save").click()
    expect(own(mine, page).locator("textarea")).to_have_count(0)
    expect(own(mine, page).locator(".comment__body").first).to_have_text(edited_text)
    mine.refresh_from_db()
    assert (mine.body, mine.edited_at is not None) == (edited_text, True)
    assert same_document(page), "editing the comment loaded a new page"
    check(
        lambda: expect(own(mine, page).locator(".comment__edited")).to_have_text(
            "edited", timeout=2000
        ),
        "after an edit with JavaScript the comment does not say 'edited'",
        where=page.locator(f"#comment-{mine.pk}"),
    )
    check(
        lambda: expect(own(mine, page).locator(".comment__body")).to_have_count(1, timeout=500),
        f"after an edit with JavaScript, the new #body-{mine.pk} sits inside the old one",
        where=page.locator(f"#comment-{mine.pk}"),
    )

    # Recommend another reader's comment.
    bill = demo_comment("storm-5")
    recommend = own(bill, page).locator("form.comment__recommend button")
    expect(recommend).to_have_attribute("aria-pressed", "false")
    expect(recommend.locator(".comment__count")).to_have_text(str(bill.recommend_count))
    recommend.click()
    expect(recommend).to_have_attribute("aria-pressed", "true")
    expect(recommend.locator(".comment__count")).to_have_text(str(bill.recommend_count + 1))
    assert Recommendation.objects.filter(comment=bill, reader=reader).exists()

    # Report another reader's comment through the dialog.
    gwen = demo_comment("storm-6")
    reason = ReportReason.objects.get(code="off-topic")
    note = "This is about the county's budget, not the storm."
    dialog = page.locator("dialog#community-dialog")
    expect(dialog).to_be_hidden()
    own(gwen, page).get_by_role("link", name="Report").click()
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.open && d.matches(':modal')"), "the dialog is not open, modal"
    expect(dialog.get_by_role("heading")).to_have_text(community.report_heading)
    dialog.get_by_label(reason.label).check()
    dialog.locator("textarea[name=note]").fill(note)
    dialog.get_by_role("button", name="Send report").click()
    expect(dialog.get_by_role("status")).to_contain_text(community.report_thanks)
    [report] = Report.objects.filter(comment=gwen)
    assert (report.comment, report.reporter, report.reason, report.note) == (
        gwen,
        reader,
        reason,
        note,
    )
    dialog.get_by_role("link", name="Back to the conversation").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(article)
    assert same_document(page), "something in the walk-through loaded a new page"
    assert failures == []

    # Read again, the edit is marked.
    page.reload()
    expect(own(mine, page).locator(".comment__edited")).to_have_text("edited")
    check.assert_none()


def test_the_same_flow_works_without_javascript(
    browser_context: Callable[..., BrowserContext], newsroom: str
) -> None:
    article = storm_url(newsroom)
    community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    amir, bill, gwen = demo_comment("storm-7"), demo_comment("storm-5"), demo_comment("storm-6")

    # Signed out: every way in asks the visitor to sign in.
    visitor = browser_context(java_script_enabled=False).new_page()
    visitor_failures = problems(visitor)
    visitor.goto(article)
    section = visitor.locator("#community")
    prompt = section.locator(".community__prompt")
    expect(prompt).to_contain_text(community.sign_in_prompt)
    expect(prompt.get_by_role("link", name="Sign in")).to_have_attribute(
        "href", re.compile(r"^/accounts/login/\?next=")
    )
    expect(section.locator("textarea")).to_have_count(0)
    for action in ("Reply", "Recommend"):
        expect(
            own(amir, visitor).get_by_role("link", name=re.compile(f"^{action}"))
        ).to_have_attribute("href", re.compile(r"^/accounts/login/\?next="))

    # The illegal-content notice needs no account.
    visitor.goto(newsroom + "/community/notice/")
    notice = visitor.locator("form.notice")
    permalink = f"{newsroom}/community/comments/{gwen.pk}/"
    notice.locator("input[name=comment_url]").fill(permalink)
    notice.locator("input[name=law]").fill("Defamation Act 2013 (England and Wales)")
    notice.locator("textarea[name=explanation]").fill(
        "It states as fact that a named council officer took a bribe."
    )
    notice.locator("input[name=email]").fill("worried.reader@example.org")
    notice.locator("input[name=good_faith]").check()
    submit_of(notice).click()
    reference = visitor.get_by_role("status")
    expect(reference).to_contain_text("Your reference is")
    sent = IllegalContentNotice.objects.latest("pk")  # the demo has one of its own
    expect(reference).to_contain_text(f"Your reference is {sent.pk}.")
    assert (sent.comment, sent.comment_url, sent.notifier) == (gwen, permalink, None)
    assert [m.to for m in mail.outbox] == [["worried.reader@example.org"]]
    assert visitor_failures == []

    # A verified reader signs in from the section and does everything with plain forms.
    reader = make_user("nora_pike", verified=True, display_name="Nora Pike")
    page = browser_context(java_script_enabled=False).new_page()
    failures = problems(page)
    page.goto(article)
    page.locator("#community .community__prompt").get_by_role("link", name="Sign in").click()
    sign_in(page, reader.email, PASSWORD)
    expect(page).to_have_url(article + "#comments")
    section = page.locator("#community")

    text = "Our street lost power at two and it was back by eleven. Thank you to the crews."
    section.locator("#compose-new textarea[name=body]").fill(text)
    section.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(article)}\?after=[^#]+#comment-\d+$"))
    mine = Comment.objects.get(author=reader, parent=None)
    expect(page).to_have_url(re.compile(rf"#comment-{mine.pk}$"))
    expect(page.get_by_role("status").first).to_contain_text("Your comment is published.")
    expect(own(mine, page).locator(".comment__body")).to_have_text(text)

    page.goto(article)
    own(amir, page).get_by_role("link", name="Reply").click()
    expect(page).to_have_url(re.compile(rf"/community/articles/\d+/comment/\?reply_to={amir.pk}$"))
    expect(page.locator("blockquote")).to_contain_text(amir.body[:40])
    reply_text = "The 9.40 replacement bus left on time, and there was room on it."
    page.locator("textarea[name=body]").fill(reply_text)
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(article)}\?after=[^#]+#comment-\d+$"))
    reply = Comment.objects.get(author=reader, parent=amir)
    expect(page).to_have_url(re.compile(rf"#comment-{reply.pk}$"))
    nested = page.locator(f"#comment-{amir.pk} > #replies-{amir.pk} > #comment-{reply.pk}")
    expect(nested.locator(".comment__body")).to_have_text(reply_text)

    page.goto(article)
    own(mine, page).get_by_role("link", name="Edit").click()
    expect(page).to_have_url(f"{newsroom}/community/comments/{mine.pk}/edit/")
    edited_text = text.replace("two", "ten past two")
    expect(page.locator("textarea[name=body]")).to_have_value(text)
    page.locator("textarea[name=body]").fill(edited_text)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"#comment-{mine.pk}$"))
    expect(page.get_by_role("status").first).to_contain_text("Your comment is updated.")
    expect(own(mine, page).locator(".comment__body")).to_have_text(edited_text)
    expect(own(mine, page).locator(".comment__edited")).to_have_text("edited")

    page.goto(article)
    recommend = own(bill, page).locator("form.comment__recommend button")
    expect(recommend).to_have_attribute("aria-pressed", "false")
    recommend.click()
    expect(page).to_have_url(re.compile(rf"#comment-{bill.pk}$"))
    recommend = own(bill, page).locator("form.comment__recommend button")
    expect(recommend).to_have_attribute("aria-pressed", "true")
    expect(recommend.locator(".comment__count")).to_have_text(str(bill.recommend_count + 1))

    page.goto(article)
    own(gwen, page).get_by_role("link", name="Report").click()
    expect(page).to_have_url(f"{newsroom}/community/comments/{gwen.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text(community.report_heading)
    reason = ReportReason.objects.get(code="off-topic")
    page.get_by_label(reason.label).check()
    page.locator("textarea[name=note]").fill("About the county budget, not the storm.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text(community.report_thanks)
    [report] = Report.objects.filter(comment=gwen)
    assert (report.comment, report.reporter, report.reason) == (gwen, reader, reason)
    assert failures == []


def test_the_comment_section_is_usable_on_a_phone(
    browser_context: Callable[..., BrowserContext], newsroom: str, request: pytest.FixtureRequest
) -> None:
    reader = make_user("nora_pike", verified=True, display_name="Nora Pike")
    phone = signed_in_context(
        browser_context,
        newsroom,
        reader,
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    failures = problems(page)
    check = Shortcomings(page, request.node.name)
    article = storm_url(newsroom)
    page.goto(article)
    section = page.locator("#community")
    expect(section.locator("#compose-new")).to_be_visible()

    def scroll_width() -> tuple[int, int]:
        return page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")

    inner_width, width = scroll_width()
    assert inner_width == PHONE["width"]
    assert width <= inner_width, "the article with its comments scrolls sideways on a phone"

    # The deepest reply, with a reply form open under it, still fits.
    kieran = demo_comment("storm-4")
    own(kieran, page).get_by_role("link", name="Reply").click()
    expect(page.locator(f"#reply-slot-{kieran.pk} textarea")).to_be_visible()
    inner_width, width = scroll_width()
    assert width <= inner_width, "an open reply form makes the page scroll sideways"

    # Every control a thumb needs: the boxes, the buttons, the cancels and the comments' actions.
    controls = section.locator("textarea, button, .compose__cancel, .comment__actions a")
    sizes = controls.evaluate_all(
        "els => els.filter(el => el.offsetParent !== null).map(el => {"
        " const box = el.getBoundingClientRect();"
        " const form = el.closest('form');"
        " return [`${el.tagName.toLowerCase()} '${el.textContent.trim() || el.name}'"
        " in ${form ? '#' + form.id : '#' + el.closest('li').id}`, box.height]; })"
    )
    assert len(sizes) > 10, sizes
    small = [f"{name}: {height:.0f}px" for name, height in sizes if height < MIN_TARGET]

    def big_enough() -> None:
        assert small == [], f"shorter than {MIN_TARGET}px: {small}"

    check(
        big_enough,
        "controls too small to tap on a phone",
        where=section.locator("#compose-new"),
    )

    # From the top of the page, the keyboard alone reaches the comment box and its button.
    page.goto(article)
    textarea = section.locator("#compose-new textarea[name=body]")
    presses = 0
    while not textarea.evaluate("el => el === document.activeElement"):
        assert presses < 150, "Tab never reached the comment box"
        page.keyboard.press("Tab")
        presses += 1
    page.keyboard.type("Typed on a phone keyboard, posted with the keyboard.")
    page.keyboard.press("Tab")
    post = section.get_by_role("button", name="Post comment")
    expect(post).to_be_focused()
    page.keyboard.press("Enter")
    expect(section.locator(".community__flash")).to_have_text("Your comment is published.")
    mine = Comment.objects.get(author=reader)
    expect(own(mine, page).locator(".comment__body")).to_have_text(
        "Typed on a phone keyboard, posted with the keyboard."
    )
    assert failures == []
    check.assert_none()
