"""Model behaviour that is not a validation message (those are in test_validation.py)."""

import pytest
from pydantic import ValidationError

from actionplans.source.model import Initiative, Report, Status


def test_status_is_read_in_any_case() -> None:
    assert Report.model_validate({"date": "2024-08", "status": "Rød "}).status is Status.RED
    assert Report.model_validate({"date": "2024-08", "status": "GUL"}).status is Status.YELLOW


def _initiative(**extra: object) -> Initiative:
    base = {"number": 1, "title": "T", "description": "D", "source": {"document": "D", "section": "S"}}
    return Initiative.model_validate({**base, **extra})


def test_current_status_and_end_date_come_from_the_latest_report() -> None:
    initiative = _initiative(
        end_date="2025-12",
        reports=[
            {"date": "2024-03", "status": "grøn"},
            {"date": "2024-08", "status": "rød", "end_date": "ukendt"},
        ],
    )
    assert initiative.status is Status.RED
    assert initiative.current_end_date is not None and initiative.current_end_date.unknown
    assert _initiative().status is Status.NOT_STATED
    assert _initiative().current_end_date is None


def test_only_optional_fields_can_be_internal() -> None:
    assert _initiative(internal_fields=["owner", "effects"]).internal_fields == ["owner", "effects"]
    with pytest.raises(ValueError, match="«title» kan ikke skjules"):
        _initiative(internal_fields=["title"])


@pytest.mark.parametrize("number", [True, "2", 2.0])
def test_number_is_never_coerced(number: object) -> None:
    with pytest.raises(ValueError, match="int_type"):
        _initiative(number=number)


@pytest.mark.parametrize("title", ["\u200b", "\u200b\u2060 ", "\u0301"])
def test_text_needs_a_visible_character(title: str) -> None:
    with pytest.raises(ValueError, match="kun af usynlige tegn"):
        _initiative(title=title)


def test_text_is_never_a_number() -> None:
    with pytest.raises(ValueError, match="string_type"):
        _initiative(title=2024)


@pytest.mark.parametrize("value", ["ja", "true", 1, "yes"])
def test_editorial_flag_is_a_real_boolean(value: object) -> None:
    with pytest.raises(ValidationError):
        Initiative.model_validate(
            {
                "number": 1,
                "title": "T",
                "title_editorial": value,
                "description": "D",
                "source": {"document": "D", "section": "S"},
            }
        )
