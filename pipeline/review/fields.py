"""What an analyst may correct on each kind of row, and the values a correction may hold.

A correction names fields by one vocabulary for every target (``place`` is a figure's place, a
pressure mention's capital, a district event's district); ``VIEW_COLUMNS`` says which column of
the public view each field corrects. Values are checked against ``pipeline/vocab.py`` and the
gazetteer, so a review never holds a value the database could not.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pipeline import vocab
from pipeline.errors import ReviewError

# Every correctable field, in the order the review file shows them.
CORRECTABLE = (
    "kind", "value", "value_low", "value_high", "qualifier", "unit", "victims", "province", "place",
    "country", "level", "status_district", "event_date", "claimed_by",
)  # fmt: skip

# Per target: correctable field -> the public view column it corrects.
VIEW_COLUMNS = {
    "figure": {
        "kind": "kind", "value": "value", "value_low": "value_low", "value_high": "value_high",
        "qualifier": "qualifier", "unit": "unit", "victims": "victims", "province": "province",
        "place": "place", "country": "country", "event_date": "event_date", "claimed_by": "claimed_by",
    },
    "pressure": {
        "level": "level", "province": "province", "place": "capital", "country": "country",
        "event_date": "event_date", "claimed_by": "claimed_by",
    },
    "district_event": {
        "status_district": "status", "province": "province", "place": "district",
        "country": "country", "event_date": "event_date",
    },
}  # fmt: skip

# Per target: the public view, its id column, and the column that names the anchor's words.
VIEWS = {"figure": "figures", "pressure": "pressure", "district_event": "district_events"}
ID_COLUMNS = {"figure": "figure_id", "pressure": "pressure_id", "district_event": "district_event_id"}
ANCHOR_COLUMNS = {"figure": "number_text", "pressure": "trigger", "district_event": "district"}

CHOICES = {
    "kind": vocab.KINDS,
    "qualifier": vocab.QUALIFIERS,
    "unit": vocab.UNITS,
    "victims": vocab.VICTIMS,
    "level": vocab.LEVELS,
    "status_district": vocab.DISTRICT_STATUSES,
}
NUMBERS = ("value", "value_low", "value_high")
TEXTS = ("place", "claimed_by")
_INTEGER = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_COUNTRY = re.compile(r"[A-Z]{3}")


@functools.cache
def provinces() -> frozenset[str]:
    """The canonical province names of the gazetteer."""
    from pipeline.extract.places import load_gazetteer

    return frozenset(load_gazetteer().province_names())


def check(target: str, name: str, value: object) -> None:
    """Raise ``ReviewError`` unless ``value`` is a value ``name`` may take on a ``target`` row."""
    if name not in CORRECTABLE:
        raise ReviewError(f"unknown field {name!r}: correctable fields are {', '.join(CORRECTABLE)}")
    if name not in VIEW_COLUMNS.get(target, {}):
        fields = ", ".join(VIEW_COLUMNS.get(target, {}))
        raise ReviewError(f"{name} cannot be corrected on a {target} (its fields: {fields})")
    if name in CHOICES:
        if value not in CHOICES[name]:
            raise ReviewError(f"{name} {value!r} is not known: use one of {', '.join(CHOICES[name])}")
    elif name in NUMBERS:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ReviewError(f"{name} {value!r} is not a whole number")
        if value < 0:
            raise ReviewError(f"{name} {value} is negative")
    elif name == "province":
        if value not in provinces():
            hint = next((p for p in provinces() if str(value).casefold() == p.casefold()), None)
            again = f" (did you mean {hint}?)" if hint else " (use a province name of the gazetteer)"
            raise ReviewError(f"province {value!r} is not known{again}")
    elif name == "country":
        if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
            raise ReviewError(f"country {value!r} is not an ISO 3166-1 alpha-3 code such as AFG")
    elif name == "event_date":
        if not isinstance(value, str) or not _is_date(value):
            raise ReviewError(f"event_date {value!r} is not a date written YYYY-MM-DD")
    elif not isinstance(value, str) or not value.strip():
        raise ReviewError(f"{name} must be some text")


def check_all(target: str, fields: dict[str, object]) -> None:
    """Check every field of a correction, and that its bounds are in order."""
    for name, value in fields.items():
        check(target, name, value)
    low, high = fields.get("value_low"), fields.get("value_high")
    if low is not None and high is not None and low > high:
        raise ReviewError(f"value_low {low} is above value_high {high}")


def parse(target: str, name: str, cell: str) -> object:
    """The value a review file's ``cell`` gives ``name``, checked; raises ``ReviewError``."""
    text = cell.strip()
    value: object = text
    if name in NUMBERS:
        if text.startswith("-") and _INTEGER.fullmatch(text[1:]):
            raise ReviewError(f"{name} {text} is negative")
        if not _INTEGER.fullmatch(text):
            raise ReviewError(f"{name} {text!r} is not a whole number")
        value = int(text.replace(",", ""))
    check(target, name, value)
    return value


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
