"""Tests for masthead.wire.ninjs: both ninjs shapes, validation errors and file loading."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from masthead.wire.ninjs import (
    NinjsError,
    WirePicture,
    WireStory,
    detect_shape,
    load_file,
    parse_item,
)

FIXTURES = Path(__file__).parent / "fixtures"


def make_image(path: Path, size: tuple[int, int] = (4, 3)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "teal").save(path, "JPEG")
    return path


def copy_fixture(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copy(FIXTURES / name, target)
    return target


def story_v2(**extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"uri": "urn:test:1", "headlines": [{"value": "A headline"}]}
    item.update(extra)
    return item


def story_v1(**extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"guid": "urn:test:1", "headline": "A headline"}
    item.update(extra)
    return item


def with_picture_v1(renditions: object, **picture: Any) -> dict[str, Any]:
    return story_v1(
        associations={"featuremedia": {"type": "picture", "renditions": renditions, **picture}}
    )


def with_picture_v2(renditions: object, **picture: Any) -> dict[str, Any]:
    association = {"name": "featureimage", "uri": "urn:p", "type": "picture", **picture}
    association["renditions"] = renditions
    return story_v2(associations=[association])


def error_of(data: object, base_dir: Path | None = None) -> NinjsError:
    with pytest.raises(NinjsError) as caught:
        parse_item(data, base_dir=base_dir)
    return caught.value


# ------------------------------------------------------------------ fixtures, field by field


def test_ninjs2_fixture_maps_every_field(tmp_path: Path) -> None:
    json_path = copy_fixture("ninjs2_story.json", tmp_path)
    make_image(tmp_path / "harbour.jpg")

    [story] = load_file(json_path)

    assert isinstance(story, WireStory)
    assert story.shape == "ninjs2"
    assert story.uri == "urn:example:northwire:2024:harbour-bridge-0412"
    assert story.version == 4
    assert story.first_created == datetime(2024, 4, 12, 6, 5, tzinfo=UTC)
    assert story.version_created == datetime(
        2024, 4, 12, 9, 30, 15, tzinfo=timezone(timedelta(hours=2))
    )
    assert story.embargoed == datetime(2024, 4, 12, 12, 0, tzinfo=UTC)
    assert story.pubstatus == "usable"
    assert story.headline == "Harbour bridge reopens after storm repairs"
    assert story.standfirst == "The harbour bridge reopened to traffic on Friday."
    assert story.byline == "Maren Holt"
    assert story.located == "Tromsø"
    assert story.copyright_holder == "Northwire"
    assert story.copyright_notice == "(c) 2024 Northwire Ltd"
    assert story.usage_terms == "Editorial use only"
    assert story.language == "en-GB"
    assert story.body_html.startswith("<p>The bridge reopened at dawn &amp; traffic flowed.</p>")
    assert story.keywords == ("bridge", "Storm", "Transport")

    # The logo is a graphic; the featureimage association is the picture. Of its three
    # renditions the largest (highres, 1600x1200) wins.
    assert story.picture == WirePicture(
        href="harbour.jpg",
        path=(tmp_path / "harbour.jpg").resolve(),
        mimetype="image/jpeg",
        caption="Cars cross the reopened bridge on Friday.",
        alt_text="A steel bridge over a harbour with cars on it.",
        photographer="Tor Lund",
        credit_line="NORTHWIRE / Tor Lund",
        copyright_holder="Northwire Photo",
        copyright_notice="(c) 2024 Northwire Photo",
        usage_terms="No sales",
    )


def test_ninjs1_superdesk_fixture_maps_every_field(tmp_path: Path) -> None:
    json_path = copy_fixture("ninjs1_superdesk.json", tmp_path)
    make_image(tmp_path / "library.jpg")

    [story] = load_file(json_path)

    assert isinstance(story, WireStory)
    assert story.shape == "ninjs1"
    assert story.uri == "urn:newsml:sd.example.org:2024-03-05T10:15:00.000000:5d0e6a7c-aa"
    assert story.version == 3
    assert story.version_created == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert story.first_created == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert story.embargoed is None
    assert story.pubstatus == "usable"
    assert story.headline == "Council approves library budget"
    assert story.standfirst == "Councillors voted 41 to 9 for the plan."
    assert story.byline == "Sam Okafor"
    assert story.located == "Leeds"
    assert story.copyright_holder == "Example Press"
    assert story.copyright_notice == "Copyright Example Press"
    assert story.usage_terms == "Subscribers only"
    assert story.language == "en"
    assert story.body_html == (
        "<p>The city council approved the library budget on Tuesday.</p>"
        "<p>Branches will open on Sundays.</p>"
    )
    # "Budget" from the subjects duplicates the keyword "budget" and is dropped.
    assert story.keywords == ("libraries", "budget", "arts, culture and entertainment")
    assert story.picture == WirePicture(
        href="library.jpg",
        path=(tmp_path / "library.jpg").resolve(),
        mimetype="image/jpeg",
        caption="The central library reading room.",
        alt_text="Rows of desks under a glass dome.",
        photographer="Ana Ruiz",
        credit_line="Example Press/Ana Ruiz",
        copyright_holder="Example Press",
        copyright_notice="Copyright Example Press",
        usage_terms="Editorial use",
    )


def test_results_are_frozen(tmp_path: Path) -> None:
    story = parse_item(story_v2(), base_dir=tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.headline = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------------------- shape detection


@pytest.mark.parametrize(
    ("data", "shape"),
    [
        ({"headlines": []}, "ninjs2"),
        ({"bodies": []}, "ninjs2"),
        ({"descriptions": []}, "ninjs2"),
        ({"$schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}, "ninjs2"),
        ({"standard": {"name": "ninjs", "version": "2.1"}}, "ninjs2"),
        ({"associations": []}, "ninjs2"),
        ({"headline": "x"}, "ninjs1"),
        ({"body_html": "<p>x</p>"}, "ninjs1"),
        ({"description_text": "x"}, "ninjs1"),
        ({"associations": {}}, "ninjs1"),
        ({"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.5.json"}, "ninjs1"),
    ],
)
def test_detect_shape(data: dict[str, object], shape: str) -> None:
    assert detect_shape(data) == shape


def test_unknown_shape_names_the_headline() -> None:
    with pytest.raises(NinjsError) as caught:
        detect_shape({"uri": "urn:x", "type": "text"})
    assert caught.value.field == "headline"
    assert "unknown shape" in caught.value.message


def test_ninjs3_is_refused_rather_than_half_read() -> None:
    with pytest.raises(NinjsError) as caught:
        detect_shape({"$schema": "https://www.iptc.org/std/ninjs/ninjs-schema_3.0.json"})
    assert caught.value.field == "$schema"
    with pytest.raises(NinjsError) as caught:
        detect_shape({"standard": {"name": "ninjs", "version": "3.1"}, "headlines": []})
    assert caught.value.field == "standard.version"
    # An embargo in ninjs 3 spelling must not be silently ignored.
    assert error_of(story_v2(embargoedUntil="2030-01-01T00:00:00Z")).field == "embargoedUntil"


def test_parse_item_rejects_non_objects() -> None:
    err = error_of(["not", "an", "item"])
    assert err.field == "(item)"
    assert "a list" in err.message


# ------------------------------------------------------------------------ identity and version


def test_guid_is_used_when_there_is_no_uri() -> None:
    assert parse_item(story_v1(guid="  urn:guid:9 "), base_dir=None).uri == "urn:guid:9"


def test_uri_wins_over_guid() -> None:
    assert parse_item(story_v1(uri="urn:uri:1"), base_dir=None).uri == "urn:uri:1"


def test_missing_uri_and_guid() -> None:
    assert error_of({"headline": "No id"}).field == "uri"


def test_uri_of_the_wrong_type() -> None:
    err = error_of(story_v2(uri=12))
    assert (err.field, err.message) == ("uri", "must be a string, got the number 12")


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 1), ("7", 7), (" 12 ", 12), (5, 5), (0, 0), (3.0, 3)]
)
def test_version(raw: object, expected: int) -> None:
    data = story_v2() if raw is None else story_v2(version=raw)
    assert parse_item(data, base_dir=None).version == expected


@pytest.mark.parametrize("raw", ["abc", "1.2", True, 2.5, -1, [1], "٣"])
def test_bad_version(raw: object) -> None:
    err = error_of(story_v2(version=raw))
    assert err.field == "version"
    assert "whole number" in err.message


def test_error_string_format() -> None:
    err = error_of(story_v2(version="abc"))
    assert str(err) == 'version: must be a whole number such as "3", got the text "abc"'
    assert isinstance(err, ValueError)


# ------------------------------------------------------------------------ dates and status


def test_naive_dates_are_utc_and_offsets_are_kept() -> None:
    story = parse_item(
        story_v2(
            versioncreated="2024-01-02T03:04:05",
            firstcreated="2024-01-02T03:04:05-05:00",
            embargoed="2024-01-02T10:00:00Z",
        ),
        base_dir=None,
    )
    assert story.version_created == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert story.first_created is not None
    assert story.first_created.utcoffset() == timedelta(hours=-5)
    assert story.embargoed == datetime(2024, 1, 2, 10, tzinfo=UTC)


@pytest.mark.parametrize("key", ["versioncreated", "firstcreated", "embargoed"])
@pytest.mark.parametrize("raw", ["yesterday", "2024-02-30T10:00:00Z", "2024-05-01", 1714572000])
def test_bad_dates(key: str, raw: object) -> None:
    err = error_of(story_v2(**{key: raw}))
    assert err.field == key
    assert "2024-05-01T14:30:00Z" in err.message


def test_missing_dates_are_none() -> None:
    story = parse_item(story_v2(), base_dir=None)
    assert (story.version_created, story.first_created, story.embargoed) == (None, None, None)


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, "usable"), ("withheld", "withheld"), (" Canceled ", "canceled")]
)
def test_pubstatus(raw: object, expected: str) -> None:
    data = story_v2() if raw is None else story_v2(pubstatus=raw)
    assert parse_item(data, base_dir=None).pubstatus == expected


@pytest.mark.parametrize("raw", ["cancelled", "killed", 3])
def test_bad_pubstatus(raw: object) -> None:
    assert error_of(story_v2(pubstatus=raw)).field == "pubstatus"


# ------------------------------------------------------------------------------ headlines


@pytest.mark.parametrize(
    ("headlines", "field"),
    [
        ("Just a string", "headlines"),
        ([], "headlines"),
        (["a string entry"], "headlines[0]"),
        ([{"role": "main"}], "headlines[0].value"),
        ([{"value": "   "}], "headlines[0].value"),
        ([{"value": "ok"}, {"value": 42}], "headlines[1].value"),
        ([{"value": "ok", "role": 1}], "headlines[0].role"),
    ],
)
def test_bad_headlines(headlines: object, field: str) -> None:
    assert error_of(story_v2(headlines=headlines)).field == field


def test_missing_headlines_in_ninjs2() -> None:
    err = error_of({"uri": "urn:x", "bodies": [{"value": "<p>x</p>"}]})
    assert err.field == "headlines"
    assert "missing" in err.message


@pytest.mark.parametrize(
    ("headline", "message"),
    [(None, "missing"), ("  ", "is empty"), (["list"], "must be a string")],
)
def test_bad_ninjs1_headline(headline: object, message: str) -> None:
    err = error_of({"guid": "urn:x", "headline": headline, "body_html": "<p>x</p>"})
    assert err.field == "headline"
    assert message in err.message


def test_first_headline_is_used_without_a_main_role() -> None:
    data = story_v2(headlines=[{"value": "First"}, {"role": "short", "value": "Second"}])
    assert parse_item(data, base_dir=None).headline == "First"


# ------------------------------------------------------------------- standfirst, byline, body


def test_ninjs1_standfirst_falls_back_to_description_html() -> None:
    data = story_v1(description_html="<p>Tax &amp; <b>spend</b><script>x()</script></p>")
    assert parse_item(data, base_dir=None).standfirst == "Tax & spend"


def test_ninjs2_standfirst_takes_the_first_description_without_summary() -> None:
    data = story_v2(
        descriptions=[
            {"role": "text", "contenttype": "text/html", "value": "<p>Lead &lt;here&gt;</p>"},
            {"role": "other", "value": "Second"},
        ]
    )
    assert parse_item(data, base_dir=None).standfirst == "Lead <here>"


def test_no_description_gives_empty_standfirst() -> None:
    assert parse_item(story_v2(), base_dir=None).standfirst == ""


def test_ninjs1_byline_falls_back_to_by() -> None:
    assert parse_item(story_v1(by=" Kim Lee "), base_dir=None).byline == "Kim Lee"


def test_plain_text_body_becomes_escaped_paragraphs() -> None:
    data = story_v2(
        bodies=[{"contenttype": "text/plain", "value": "First line <b>\n\n  Second & last  "}]
    )
    body = parse_item(data, base_dir=None).body_html
    assert body == "<p>First line &lt;b&gt;</p><p>Second &amp; last</p>"


def test_html_body_without_main_role_is_the_first_html_one() -> None:
    data = story_v2(
        bodies=[
            {"role": "text", "contenttype": "text/plain", "value": "plain"},
            {"role": "html5", "contenttype": "text/html; charset=utf-8", "value": "<p>a</p>"},
            {"role": "rich", "contenttype": "text/html", "value": "<p>b</p>"},
        ]
    )
    assert parse_item(data, base_dir=None).body_html == "<p>a</p>"


def test_ninjs1_body_text_fallback_and_missing_body() -> None:
    assert parse_item(story_v1(body_text="Hi & bye"), base_dir=None).body_html == (
        "<p>Hi &amp; bye</p>"
    )
    assert parse_item(story_v1(), base_dir=None).body_html == ""
    assert parse_item(story_v2(), base_dir=None).body_html == ""


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (story_v2(bodies={"value": "<p>x</p>"}), "bodies"),
        (story_v2(bodies=[{"value": ["x"]}]), "bodies[0].value"),
        (story_v2(descriptions=[{"value": 3}]), "descriptions[0].value"),
        (story_v1(body_html=["<p>x</p>"]), "body_html"),
        (story_v1(byline=5), "byline"),
        (story_v2(located={"city": "Oslo"}), "located"),
    ],
)
def test_wrong_types_name_their_field(data: dict[str, Any], field: str) -> None:
    assert error_of(data).field == field


# -------------------------------------------------------------------------------- keywords


def test_keywords_and_subjects_are_merged_without_duplicates() -> None:
    data = story_v1(
        keywords=["Rail", "strike", "rail"],
        subject=[{"name": "Strike"}, {"code": "x"}, {"name": " Labour "}],
    )
    assert parse_item(data, base_dir=None).keywords == ("Rail", "strike", "Labour")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (story_v1(keywords="a, b"), "keywords"),
        (story_v1(keywords=["a", 2]), "keywords[1]"),
        (story_v1(subject={"name": "x"}), "subject"),
        (story_v1(subject=[{"name": 4}]), "subject[0].name"),
        (story_v2(subjects=["x"]), "subjects[0]"),
    ],
)
def test_bad_keywords(data: dict[str, Any], field: str) -> None:
    assert error_of(data).field == field


# -------------------------------------------------------------------------------- pictures


def test_no_associations_means_no_picture() -> None:
    assert parse_item(story_v1(), base_dir=None).picture is None
    assert parse_item(story_v2(associations=[]), base_dir=None).picture is None


def test_http_href_has_no_path() -> None:
    data = with_picture_v2([{"name": "original", "href": "https://img.example.org/a.jpg"}])
    picture = parse_item(data, base_dir=None).picture
    assert picture is not None
    assert (picture.href, picture.path) == ("https://img.example.org/a.jpg", None)
    # No content type given: guessed from the extension.
    assert picture.mimetype == "image/jpeg"


def test_relative_href_in_a_subfolder(tmp_path: Path) -> None:
    image = make_image(tmp_path / "media" / "my photo.jpg")
    data = with_picture_v1({"original": {"href": "media/my%20photo.jpg"}})
    picture = parse_item(data, base_dir=tmp_path).picture
    assert picture is not None
    assert picture.path == image.resolve()


def test_file_url_inside_the_folder(tmp_path: Path) -> None:
    image = make_image(tmp_path / "pic.jpg")
    data = with_picture_v1({"original": {"href": image.resolve().as_uri()}})
    picture = parse_item(data, base_dir=tmp_path).picture
    assert picture is not None
    assert picture.path == image.resolve()
    assert picture.href == image.resolve().as_uri()


def test_file_url_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outside = make_image(tmp_path / "elsewhere" / "pic.jpg")
    (tmp_path / "feed").mkdir()
    data = with_picture_v1({"original": {"href": outside.resolve().as_uri()}})
    err = error_of(data, base_dir=tmp_path / "feed")
    assert err.field == "associations.featuremedia.renditions.original.href"
    assert "outside the folder" in err.message


def test_relative_href_escaping_with_dotdot(tmp_path: Path) -> None:
    make_image(tmp_path / "secret.jpg")
    (tmp_path / "feed").mkdir()
    data = with_picture_v1({"original": {"href": "../secret.jpg"}})
    err = error_of(data, base_dir=tmp_path / "feed")
    assert err.field == "associations.featuremedia.renditions.original.href"
    assert '".."' in err.message


def test_absolute_path_outside_the_folder(tmp_path: Path) -> None:
    data = with_picture_v1({"original": {"href": "/etc/passwd"}})
    assert "outside the folder" in error_of(data, base_dir=tmp_path).message


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = make_image(tmp_path / "private" / "pic.jpg")
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "link.jpg").symlink_to(outside)
    data = with_picture_v1({"original": {"href": "link.jpg"}})
    assert "outside the folder" in error_of(data, base_dir=feed).message


def test_missing_local_file(tmp_path: Path) -> None:
    err = error_of(with_picture_v1({"original": {"href": "photo.jpg"}}), base_dir=tmp_path)
    assert str(err) == (
        "associations.featuremedia.renditions.original.href: "
        'file "photo.jpg" not found next to the JSON file'
    )


def test_unreadable_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_image(tmp_path / "locked.jpg")
    real_open = Path.open

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.jpg":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    err = error_of(with_picture_v1({"original": {"href": "locked.jpg"}}), base_dir=tmp_path)
    assert err.field == "associations.featuremedia.renditions.original.href"
    assert "cannot be read (Permission denied)" in err.message


def test_folder_and_empty_file_are_not_pictures(tmp_path: Path) -> None:
    (tmp_path / "album").mkdir()
    (tmp_path / "empty.jpg").touch()
    folder = error_of(with_picture_v1({"original": {"href": "album"}}), base_dir=tmp_path)
    empty = error_of(with_picture_v1({"original": {"href": "empty.jpg"}}), base_dir=tmp_path)
    assert "not a regular file" in folder.message
    assert "is empty" in empty.message


def test_local_href_needs_a_base_dir() -> None:
    err = error_of(with_picture_v1({"original": {"href": "photo.jpg"}}), base_dir=None)
    assert err.field == "associations.featuremedia.renditions.original.href"


@pytest.mark.parametrize(
    "href", ["ftp://example.org/a.jpg", "javascript:alert(1)", "data:image/png;base64,AAAA"]
)
def test_unsupported_schemes(href: str, tmp_path: Path) -> None:
    err = error_of(with_picture_v2([{"name": "original", "href": href}]), base_dir=tmp_path)
    assert err.field == "associations[0].renditions[0].href"
    assert "unsupported scheme" in err.message


def test_web_href_without_host(tmp_path: Path) -> None:
    err = error_of(with_picture_v2([{"name": "original", "href": "https:///a.jpg"}]))
    assert "no host name" in err.message


def test_file_url_on_another_host(tmp_path: Path) -> None:
    err = error_of(with_picture_v1({"original": {"href": "file://server/share/a.jpg"}}), tmp_path)
    assert "another machine" in err.message


@pytest.mark.parametrize(
    ("renditions", "field"),
    [
        (None, "associations.featuremedia.renditions"),
        ({}, "associations.featuremedia.renditions"),
        ({"original": {"width": 10}}, "associations.featuremedia.renditions"),
        ({"original": {"href": "  "}}, "associations.featuremedia.renditions"),
        ("photo.jpg", "associations.featuremedia.renditions"),
        ({"original": "photo.jpg"}, "associations.featuremedia.renditions.original"),
        ({"original": {"href": 5}}, "associations.featuremedia.renditions.original.href"),
        (
            {"original": {"href": "https://x.org/a.jpg", "width": "big"}},
            "associations.featuremedia.renditions.original.width",
        ),
    ],
)
def test_bad_ninjs1_renditions(renditions: object, field: str) -> None:
    assert error_of(with_picture_v1(renditions)).field == field


def test_picture_without_any_href_says_what_to_add() -> None:
    err = error_of(with_picture_v1({"thumbnail": {"width": 10, "height": 10}}))
    assert 'no rendition with an "href"' in err.message


@pytest.mark.parametrize(
    ("renditions", "field"),
    [
        ([], "associations[0].renditions"),
        (["x.jpg"], "associations[0].renditions[0]"),
        (
            [{"name": "a", "href": "https://x.org/a"}, {"href": 1}],
            "associations[0].renditions[1].href",
        ),
        ([{"name": 7, "href": "https://x.org/a"}], "associations[0].renditions[0].name"),
        ([{"href": "https://x.org/a", "height": -3}], "associations[0].renditions[0].height"),
    ],
)
def test_bad_ninjs2_renditions(renditions: object, field: str) -> None:
    assert error_of(with_picture_v2(renditions)).field == field


def test_bad_associations() -> None:
    assert error_of(story_v1(associations="photo")).field == "associations"
    assert error_of(story_v2(associations=["x"])).field == "associations[0]"
    bad_entry = story_v1(associations={"featuremedia": ["x"]})
    assert error_of(bad_entry).field == "associations.featuremedia"
    bad_type = story_v1(associations={"featuremedia": {"type": 1}})
    assert error_of(bad_type).field == "associations.featuremedia.type"


def test_largest_rendition_wins_without_an_original() -> None:
    picture = parse_item(
        with_picture_v2(
            [
                {"name": "unsized", "href": "https://x.org/unsized.jpg"},
                {"name": "small", "href": "https://x.org/s.jpg", "width": 300, "height": 200},
                {"name": "big", "href": "https://x.org/b.jpg", "width": "3000", "height": 2000},
                {"name": "huge-no-href", "width": 9000, "height": 9000},
            ]
        ),
        base_dir=None,
    ).picture
    assert picture is not None
    assert picture.href == "https://x.org/b.jpg"


def test_original_is_preferred_over_a_larger_rendition() -> None:
    picture = parse_item(
        with_picture_v1(
            {
                "huge": {"href": "https://x.org/h.jpg", "width": 9000, "height": 9000},
                "original": {"href": "https://x.org/o.png", "width": 10, "height": 10},
            }
        ),
        base_dir=None,
    ).picture
    assert picture is not None
    assert (picture.href, picture.mimetype) == ("https://x.org/o.png", "image/png")


def test_first_rendition_wins_when_none_is_sized() -> None:
    picture = parse_item(
        with_picture_v2(
            [{"name": "a", "href": "https://x.org/a.jpg"}, {"name": "b", "href": "https://x.org/b"}]
        ),
        base_dir=None,
    ).picture
    assert picture is not None
    assert picture.href == "https://x.org/a.jpg"


def test_featuremedia_that_is_a_video_is_not_the_picture() -> None:
    video = {"type": "video", "renditions": {"original": {"href": "https://x.org/v.mp4"}}}
    assert parse_item(story_v1(associations={"featuremedia": video}), base_dir=None).picture is None
    other = {"type": "picture", "renditions": {"original": {"href": "https://x.org/p.jpg"}}}
    story = parse_item(
        story_v1(associations={"featuremedia": video, "gallery": other}), base_dir=None
    )
    assert story.picture is not None
    assert story.picture.href == "https://x.org/p.jpg"


def test_ninjs2_falls_back_to_the_first_picture_association() -> None:
    associations = [
        {"name": "related", "uri": "urn:t", "type": "text"},
        {
            "name": "a1",
            "uri": "urn:p1",
            "type": "picture",
            "renditions": [{"name": "r", "href": "https://x.org/1.jpg"}],
        },
        {
            "name": "a2",
            "uri": "urn:p2",
            "type": "picture",
            "renditions": [{"name": "r", "href": "https://x.org/2.jpg"}],
        },
    ]
    picture = parse_item(story_v2(associations=associations), base_dir=None).picture
    assert picture is not None
    assert picture.href == "https://x.org/1.jpg"


def test_featuremedia_by_role_in_ninjs2() -> None:
    associations = [
        {"name": "a1", "type": "picture", "renditions": [{"name": "r", "href": "https://x.org/1"}]},
        {
            "name": "a2",
            "role": "featuremedia",
            "renditions": [{"name": "r", "href": "https://x.org/2"}],
        },
    ]
    picture = parse_item(story_v2(associations=associations), base_dir=None).picture
    assert picture is not None
    assert picture.href == "https://x.org/2"


def test_alt_text_falls_back_to_headline_then_caption() -> None:
    rendition = {"original": {"href": "https://x.org/a.jpg"}}
    with_headline = with_picture_v1(rendition, headline="Pier", body_text="Waves on a pier")
    picture = parse_item(with_headline, base_dir=None).picture
    assert picture is not None
    # Without description_text, body_text is the caption, and the headline the alt text.
    assert (picture.caption, picture.alt_text) == ("Waves on a pier", "Pier")

    caption_only = with_picture_v2(
        [{"name": "r", "href": "https://x.org/a.jpg"}],
        descriptions=[{"role": "creditline", "value": "AGENCY"}, {"value": "Boats at rest"}],
    )
    picture = parse_item(caption_only, base_dir=None).picture
    assert picture is not None
    assert (picture.caption, picture.alt_text, picture.credit_line) == (
        "Boats at rest",
        "Boats at rest",
        "AGENCY",
    )


# ------------------------------------------------------------------------------- load_file


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_list_file_with_one_bad_item(tmp_path: Path) -> None:
    results = load_file(copy_fixture("batch_list.json", tmp_path))
    assert [type(r).__name__ for r in results] == ["WireStory", "NinjsError", "WireStory"]
    first, bad, third = results
    assert isinstance(first, WireStory)
    assert isinstance(third, WireStory)
    assert isinstance(bad, NinjsError)
    assert (first.headline, first.shape) == ("First good story", "ninjs2")
    assert (third.uri, third.shape) == ("urn:example:batch:3", "ninjs1")
    assert bad.field == "version"


def test_items_file_with_bad_items(tmp_path: Path) -> None:
    results = load_file(copy_fixture("batch_items.json", tmp_path))
    assert len(results) == 4
    good, bad_headlines, not_an_item, withheld = results
    assert isinstance(good, WireStory)
    assert isinstance(bad_headlines, NinjsError)
    assert bad_headlines.field == "headlines"
    assert isinstance(not_an_item, NinjsError)
    assert not_an_item.field == "(item)"
    assert isinstance(withheld, WireStory)
    assert withheld.pubstatus == "withheld"


def test_empty_lists_give_no_items(tmp_path: Path) -> None:
    assert load_file(write(tmp_path / "a.json", "[]")) == []
    assert load_file(write(tmp_path / "b.json", '{"items": []}')) == []


def test_items_that_is_not_a_list(tmp_path: Path) -> None:
    [err] = load_file(write(tmp_path / "a.json", '{"items": {"uri": "x"}}'))
    assert isinstance(err, NinjsError)
    assert err.field == "items"


def test_relative_hrefs_resolve_next_to_the_json_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    image = make_image(feed / "pic.jpg")
    item = with_picture_v2([{"name": "original", "href": "pic.jpg"}])
    [story] = load_file(write(feed / "story.json", json.dumps(item)))
    assert isinstance(story, WireStory)
    assert story.picture is not None
    assert story.picture.path == image.resolve()


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    [story] = load_file(
        write(tmp_path / "a.json", b"\xef\xbb\xbf" + json.dumps(story_v2()).encode())
    )
    assert isinstance(story, WireStory)


def test_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    [err] = load_file(write(tmp_path / "a.json", '{\n  "uri": "x",\n  "headline": oops\n}'))
    assert isinstance(err, NinjsError)
    assert err.field == "(file)"
    assert err.message.startswith("invalid JSON at line 3 column 15: ")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "empty"),
        ("  \n", "empty"),
        (b"\xff\xfe{}", "UTF-8"),
        ('"just text"', "expected a JSON object or an array"),
        ("42", "expected a JSON object or an array"),
    ],
)
def test_unusable_files(tmp_path: Path, content: str | bytes, words: str) -> None:
    [err] = load_file(write(tmp_path / "a.json", content))
    assert isinstance(err, NinjsError)
    assert err.field == "(file)"
    assert words in err.message


def test_unreadable_file(tmp_path: Path) -> None:
    [missing] = load_file(tmp_path / "nope.json")
    [folder] = load_file(tmp_path)
    for err in (missing, folder):
        assert isinstance(err, NinjsError)
        assert err.field == "(file)"
        assert err.message.startswith("cannot read the file")
