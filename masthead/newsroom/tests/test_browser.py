import pytest
from masthead.newsroom import demo
from masthead.newsroom.demo_content import WIRE_STORY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_explore(live_server, settings, page):
    import time

    t = time.monotonic()
    settings.SITE_URL = live_server.url
    demo.build()
    print("build", time.monotonic() - t)
    from wagtail.models import Site

    print(list(Site.objects.values()))
    page.goto(live_server.url + "/")
    open("/tmp/explore/front.html", "w").write(page.content())
    page.get_by_role("link", name=WIRE_STORY["headline"]).click()
    page.wait_for_load_state()
    print(page.url)
    open("/tmp/explore/article.html", "w").write(page.content())
    page.screenshot(path="/tmp/explore/article.png", full_page=True)
    page.goto(live_server.url + "/admin/")
    print(page.url)
    open("/tmp/explore/login.html", "w").write(page.content())
    page.screenshot(path="/tmp/explore/login.png")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    print(page.url)
    page.wait_for_timeout(1000)
    open("/tmp/explore/admin.html", "w").write(page.content())
    page.screenshot(path="/tmp/explore/admin.png")
