import pytest

from actionplans.source.dates import EndDate, PartialDate


@pytest.mark.parametrize(
    ("raw", "danish"),
    [
        ("2025-12-31", "31. december 2025"),
        ("2023-05", "maj 2023"),
        ("2024", "2024"),
        ("2024-02-29", "29. februar 2024"),
    ],
)
def test_partial_dates_format_in_danish(raw: str, danish: str) -> None:
    assert PartialDate.parse(raw).format_da() == danish
    assert PartialDate.parse(raw).iso() == raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2024-13-01", "måned 13 findes ikke"),
        ("2023-02-29", "februar 2023 har kun 28 dage"),
        ("31-12-2025", "er ikke en dato"),
        ("maj 2024", "er ikke en dato"),
    ],
)
def test_impossible_dates_are_explained(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(raw)


def test_partial_dates_order_by_precision() -> None:
    assert PartialDate.parse("2024") < PartialDate.parse("2024-01") < PartialDate.parse("2024-01-01")
    assert PartialDate.parse("2024-08").last_day().isoformat() == "2024-08-31"


def test_end_date_unknown() -> None:
    end = EndDate.parse("ukendt")
    assert end.unknown and end.format_da() == "Ukendt" and end.iso() == "ukendt"
    assert EndDate.parse("2025-12-31").format_da() == "31. december 2025"
    with pytest.raises(ValueError, match="ukendt"):
        EndDate.parse("snart")
