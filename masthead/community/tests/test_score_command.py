"""manage.py score: the scorer's verdict on each line of a JSON Lines file, or standard input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from masthead.community.scorer import store

GOOD = [
    {"text": "Lovely piece on the harbour, thank you.", "id": 1},
    {"text": "I know where you live, councillor. Watch your back.", "id": 2},
]


@pytest.fixture(autouse=True)
def _shipped_model() -> object:
    """The shipped model, whatever the database says is active (these tests need no database)."""
    with mock.patch.object(store, "active_version_id", return_value=store.SHIPPED):
        yield


def run(*args: str, stdin: str | None = None) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is None:
        call_command("score", *args, stdout=out, stderr=err)
    else:
        with mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()))):
            call_command("score", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_comes_back_with_a_score_and_a_category(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "comments.jsonl", [json.dumps(row) for row in GOOD])
    rows, err = run(str(source))
    assert err == ""
    assert [row["id"] for row in rows] == [1, 2]  # every other field kept, in order
    assert rows[0]["text"] == GOOD[0]["text"]
    assert rows[0]["score"] < 0.5 and rows[0]["category"] == ""
    assert rows[1]["score"] > 0.5 and rows[1]["category"] == "threat"


def test_bad_lines_are_reported_with_their_numbers_and_skipped(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "comments.jsonl",
        [
            json.dumps(GOOD[0]),
            "{not json",
            "",  # blank lines are not comments, and not errors either
            json.dumps({"body": "no text field"}),
            json.dumps({"text": 42}),
            json.dumps(["a list"]),
            json.dumps(GOOD[1]),
        ],
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="4 bad lines skipped"):
        call_command("score", str(source), stdout=out, stderr=err)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [1, 2]
    reported = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in reported] == ["line 2", "line 4", "line 5", "line 6"]
    assert 'no "text" string' in reported[1]
    assert "not a JSON object" in reported[3]


def test_a_line_that_is_not_utf8_is_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "comments.jsonl"
    source.write_bytes(json.dumps(GOOD[0]).encode() + b"\n\xff\xfe\n")
    with pytest.raises(CommandError, match="1 bad line skipped"):
        call_command("score", str(source), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_dash_reads_standard_input() -> None:
    rows, _ = run("-", stdin="\n".join(json.dumps(row) for row in GOOD))
    assert [row["id"] for row in rows] == [1, 2]


def test_text_outside_ascii_is_written_as_it_is(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "c.jsonl", [json.dumps({"text": "Café rates up 40% — shocking"})]
    )
    call_command("score", str(source), stdout=(out := io.StringIO()))
    assert "Café rates up 40% — shocking" in out.getvalue()


def test_another_model_file_can_be_tried(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "c.jsonl", [json.dumps(GOOD[1])])
    rows, _ = run(str(source), "--model", str(store.SHIPPED_MODEL))
    assert rows[0]["category"] == "threat"
    with pytest.raises(CommandError, match="not a scorer model file"):
        run(str(source), "--model", str(source))


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.jsonl"))
