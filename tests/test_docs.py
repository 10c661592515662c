"""The README documents what the product offers: every column of every public view, every setting."""

from __future__ import annotations

import re

import pytest

from pipeline.settings import ROOT, SETTINGS
from pipeline.store.schema import views

README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_columns(view: str) -> list[str]:
    """The column names in the first cells of the table under the README's heading for ``view``."""
    section = README.split("## Data dictionary", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### `(\w+)`.*$", section, flags=re.M)
    body = dict(zip(parts[1::2], parts[2::2], strict=True)).get(view, "")
    first_cells = [line.split("|")[1] for line in body.splitlines() if line.startswith("| `")]
    return [name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)]


@pytest.mark.parametrize("view", sorted(views()))
def test_the_data_dictionary_lists_exactly_the_columns_of_each_view(view):
    documented = documented_columns(view)
    assert len(documented) == len(set(documented)), f"{view}: a column is documented twice"
    assert set(documented) == set(views()[view]), view


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_in_the_readme(setting):
    assert re.search(rf"^\| `{setting}` \|", README, flags=re.M), setting
