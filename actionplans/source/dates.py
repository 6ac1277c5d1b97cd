"""Partial dates as the sources give them: a year, a month or a day.

Plans speak in months ("maj 2023"), status reports in days, and some end dates are
explicitly unknown ("Ukendt"). These types keep that precision instead of inventing a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cache, total_ordering
from typing import Any

from babel.dates import format_date, get_month_names
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from actionplans.source.problems import shown

LOCALE = "da_DK"
# Danish month names and date patterns come from the Unicode CLDR through babel.
MONTHS_DA = get_month_names("wide", context="stand-alone", locale=LOCALE)


PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Strict: four-digit year, two-digit month and day, ASCII digits only ("2024-5-3" is not a date).
_PARTIAL_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
YEARS = (1900, 2999)  # year 0000 is no date, and no action plan is older than 1900
UNKNOWN = "ukendt"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day. Less precise sorts first: 2024 < 2024-01."""

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Parse "2024", "2024-05" or "2024-05-31"; raise ValueError in Danish otherwise."""
        if isinstance(value, PartialDate):
            return value
        if not isinstance(value, str):  # YAML's 2024 (a number) is not the date "2024"
            raise ValueError('skal være en dato i anførselstegn, fx "2024-05-31", "2024-05" eller "2024"')
        match = _PARTIAL_DATE_RE.match(value.strip())
        if not match:
            raise ValueError(
                f'«{shown(value)}» er ikke en dato. Skriv år-måned-dag, fx "2024-05-31", '
                'eller kun år-måned ("2024-05") eller år ("2024")'
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if not YEARS[0] <= year <= YEARS[1]:
            raise ValueError(f"«{value}» er ikke en dato: året skal ligge mellem {YEARS[0]} og {YEARS[1]}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"«{value}» er ikke en dato: måned {month} findes ikke (1–12)")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"«{value}» er ikke en dato: {MONTHS_DA[month]} {year} har kun {last} dage")
        return cls(year, month, day)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def format_da(self) -> str:
        """'31. december 2025', 'maj 2023' or '2024' (CLDR's Danish long date and year-month)."""
        return _format_da(self.year, self.month, self.day)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso()),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": PARTIAL_DATE_PATTERN,
            "examples": ["2024-05-31", "2024-05", "2024"],
        }


@dataclass(frozen=True)
class EndDate:
    """An end date: a partial date, or explicitly unknown ("ukendt" in the source)."""

    date: PartialDate | None

    @property
    def unknown(self) -> bool:
        return self.date is None

    @classmethod
    def parse(cls, value: Any) -> EndDate:
        if isinstance(value, EndDate):
            return value
        if isinstance(value, str) and value.strip().lower() == UNKNOWN:
            return cls(None)
        try:
            return cls(PartialDate.parse(value))
        except ValueError as exc:
            raise ValueError(f'{exc}; eller skriv "ukendt" hvis kilden siger at datoen er ukendt') from None

    def iso(self) -> str:
        return UNKNOWN if self.date is None else self.date.iso()

    def format_da(self) -> str:
        return "Ukendt" if self.date is None else self.date.format_da()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso()),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"const": UNKNOWN},
            ],
            "examples": ["2025-12-31", "2025-12", UNKNOWN],
        }


@cache  # babel takes ~30 µs a date; a site repeats the same few hundred dates on many pages
def _format_da(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return str(year)
    if day is None:
        return format_date(dt.date(year, month, 1), "LLLL y", locale=LOCALE)
    return format_date(dt.date(year, month, day), "long", locale=LOCALE)


def build_date() -> dt.date:
    """Today, for builds and checks; ACTIONPLANS_TODAY=YYYY-MM-DD pins it (tests, reproducible builds)."""
    pinned = os.environ.get("ACTIONPLANS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def format_date_da(day: dt.date) -> str:
    return _format_da(day.year, day.month, day.day)
