"""The extractor's fingerprint: a hash of everything that shapes extracted rows.

Stored with every run; when it changes, every stored article is extracted again from its
text. It covers, without a list kept by hand:

- every module of the project that extraction imports, found by following the imports of
  the entry points the batch step calls (``ENTRY``) through the source, at any depth;
- every file in the data folders extraction reads (``datafiles.FOLDERS``: the rule tables
  and the gazetteer), which is the only way it reads data;
- the spaCy version (its tokenizer decides what a token is) and the settings that change rows.

Nothing is imported to compute it, so an unchanged rerun stays cheap.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from importlib import metadata
from pathlib import Path

from pipeline.extract.datafiles import FOLDERS, SUFFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "pipeline"
# What the batch step calls to extract an article, and to date and cite it from its text.
ENTRY = ("pipeline.extract.batch", "pipeline.extract.published", "pipeline.extract.provenance")


def _module_file(name: str, root: Path) -> Path | None:
    """The source file of a project module, or None when there is none (a name, not a module)."""
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(path: Path, name: str) -> set[str]:
    """Project modules a source file imports, wherever the import stands (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from .y import z
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # from pkg import module
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def modules(entry: tuple[str, ...] = ENTRY, root: Path = ROOT) -> list[Path]:
    """Every project source file the entry modules import, directly or not, with their packages."""
    seen: dict[str, Path] = {}
    todo = list(entry)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name, root)
        if path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # importing a.b.c runs a, a.b
        todo += sorted(_imports(path, name))
    return sorted(seen.values())


SCHEMA = "pipeline/store/schema.sql"


def data_files(root: Path = ROOT) -> list[Path]:
    """Every table in the data folders extraction reads."""
    return sorted(p for folder in FOLDERS for p in (root / folder).rglob("*" + SUFFIX) if p.is_file())


@functools.cache
def _files_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in [*modules(root=root), *data_files(root)]:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def extractor_version(household_size: float, root: Path = ROOT) -> str:
    """The fingerprint of the extractor as it is on disk now, for rows of this household size."""
    h = hashlib.sha256(_files_digest(root).encode())
    # The database's shape too: a run under a new schema writes every row anew, in a new file.
    h.update((root / SCHEMA).read_bytes())
    h.update(metadata.version("spacy").encode())
    h.update(repr(float(household_size)).encode())
    return h.hexdigest()[:12]
