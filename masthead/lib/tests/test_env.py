import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.lib.env import env_bool, env_int, env_list, env_str


def test_env_bool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("TRUE", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("MH_FLAG", raw)
        assert env_bool("MH_FLAG") is expected


def test_an_empty_value_keeps_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MH_FLAG", "")
    assert env_bool("MH_FLAG", default=True) is True
    assert env_str("MH_FLAG", "fallback") == "fallback"


def test_env_bool_refuses_a_typo_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MH_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="MH_FLAG='ture' is not a boolean"):
        env_bool("MH_FLAG")


def test_env_int_refuses_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MH_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="MH_NUMBER='ten' is not a whole number"):
        env_int("MH_NUMBER", 3)
    monkeypatch.setenv("MH_NUMBER", "")
    assert env_int("MH_NUMBER", 3) == 3


def test_secrets_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("MH_SECRET_FILE", str(secret))
    assert env_str("MH_SECRET") == "s3cret"
    monkeypatch.setenv("MH_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match=r"MH_SECRET_FILE=.* cannot be read"):
        env_str("MH_SECRET")


def test_env_list_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MH_HOSTS", "a.example, ,b.example,")
    assert env_list("MH_HOSTS") == ["a.example", "b.example"]
