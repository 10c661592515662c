"""Reading inputs: folders, .txt/.md articles with a manifest, .jsonl and .csv files.

Every input ends up as an article or as a reject with its reason; nothing is dropped
silently. Pure of the database: this module only reads files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.read.html import html_to_text, looks_like_html

TEXT_SUFFIXES = {".txt", ".md"}
MANIFEST = "manifest.csv"
METADATA = ("title", "source", "url", "author", "published")


@dataclasses.dataclass(frozen=True)
class RawArticle:
    """One article as read, before extraction."""

    file: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # as given; parsed later
    external_id: str | None = None

    @property
    def article_id(self) -> str:
        return article_id(self.text)


@dataclasses.dataclass(frozen=True)
class Reject:
    path: str
    line: int | None
    reason: str
    detail: str


@dataclasses.dataclass
class ReadResult:
    articles: list[RawArticle] = dataclasses.field(default_factory=list)
    rejects: list[Reject] = dataclasses.field(default_factory=list)
    notices: list[str] = dataclasses.field(default_factory=list)


def normalise(text: str) -> str:
    """One text, one form: unified line endings, no BOM, no surrounding blank space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()


def article_id(text: str) -> str:
    """Stable id: the same text gives the same id."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _decode(data: bytes, rel: str, result: ReadResult) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.notices.append(f"{rel}: not UTF-8, read as Windows-1252")
        return data.decode("cp1252", errors="replace")


def _read_bytes(path: Path, rel: str, max_bytes: int, result: ReadResult) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            mb = max_bytes / 1e6
            result.rejects.append(
                Reject(
                    rel,
                    None,
                    "too_large",
                    f"{size / 1e6:.1f} MB is over the {mb:g} MB limit (SITREP_MAX_FILE_MB)",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as err:
        result.rejects.append(
            Reject(rel, None, "unreadable", f"{err.strerror or err}: check the file's permissions")
        )
        return None
    if b"\x00" in data[:8192]:
        result.rejects.append(
            Reject(rel, None, "binary", "binary content (not text); convert it to .txt first")
        )
        return None
    return data


def _manifest(folder: Path, root: Path, max_bytes: int, result: ReadResult) -> dict[str, dict]:
    """Metadata for the text files of one folder, keyed by file name."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    rel = path.relative_to(root).as_posix() if path != root else path.name
    data = _read_bytes(path, rel, max_bytes, result)
    if data is None:
        return {}
    rows = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(_decode(data, rel, result))), start=2):
        name = _clean(row.get("file"))
        if not name:
            result.rejects.append(Reject(rel, line, "manifest_row", "row has no file name"))
            continue
        if not (folder / name).is_file():
            result.rejects.append(
                Reject(rel, line, "manifest_missing_file", f"{name} is not in {folder.name}/")
            )
            continue
        rows[name] = {k: _clean(row.get(k)) for k in METADATA}
    return rows


def _records_jsonl(text: str, rel: str, result: ReadResult) -> Iterator[RawArticle]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{rel}#{line}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            result.rejects.append(Reject(rel, line, "bad_json", f"{err.msg} (column {err.colno})"))
            continue
        if not isinstance(record, dict):
            result.rejects.append(Reject(rel, line, "bad_json", "line is not a JSON object"))
            continue
        yield from _record(record, where, rel, line, result)


def _records_csv(text: str, rel: str, result: ReadResult) -> Iterator[RawArticle]:
    reader = csv.DictReader(io.StringIO(text))
    if "text" not in (reader.fieldnames or []):
        result.rejects.append(Reject(rel, None, "no_text_column", "CSV has no 'text' column"))
        return
    for row in reader:
        line = reader.line_num
        if None in row or None in row.values():
            result.rejects.append(Reject(rel, line, "ragged_row", "row has a different number of fields"))
            continue
        yield from _record(row, f"{rel}#{line}", rel, line, result)


def _record(record: dict, where: str, rel: str, line: int, result: ReadResult) -> Iterator[RawArticle]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        result.rejects.append(Reject(rel, line, "empty", "record has no text"))
        return
    yield RawArticle(
        file=where,
        text=normalise(text),
        external_id=_clean(record.get("id")),
        **{k: _clean(record.get(k)) for k in METADATA},
    )


def _read_file(path: Path, rel: str, meta: dict, max_bytes: int, result: ReadResult) -> None:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | {".jsonl", ".csv"}:
        result.rejects.append(Reject(rel, None, "unsupported", f"'{suffix or path.name}' files are not read"))
        return
    data = _read_bytes(path, rel, max_bytes, result)
    if data is None:
        return
    text = _decode(data, rel, result)
    if suffix in TEXT_SUFFIXES:
        if looks_like_html(text):
            text = html_to_text(text)
            result.notices.append(f"{rel}: an HTML page; its tags were removed and its text kept")
        if not text.strip():
            result.rejects.append(Reject(rel, None, "empty", "file has no text"))
            return
        result.articles.append(RawArticle(file=rel, text=normalise(text), **meta))
    elif suffix == ".jsonl":
        result.articles.extend(_records_jsonl(text, rel, result))
    else:
        result.articles.extend(_records_csv(text, rel, result))


def _walk(given: Path, max_bytes: int, result: ReadResult) -> None:
    """Every file under a folder, recursively; links are listed, not followed out of it."""
    root = given.resolve()

    def unreadable(err: OSError) -> None:
        rel = Path(err.filename).relative_to(given).as_posix() if err.filename else str(given)
        result.rejects.append(
            Reject(rel or ".", None, "unreadable", f"{err.strerror}: check the folder's permissions")
        )

    for folder, dirs, files in os.walk(given, followlinks=False, onerror=unreadable):
        here = Path(folder)
        for name in sorted(d for d in dirs if (here / d).is_symlink()):
            rel = (here / name).relative_to(given).as_posix()
            result.rejects.append(
                Reject(rel, None, "symlink", "a link to a folder is not followed; give its target")
            )
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        meta = _manifest(here, given, max_bytes, result)
        for name in sorted(files):
            if name == MANIFEST:
                continue
            path = here / name
            rel = path.relative_to(given).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_file():
                    result.rejects.append(Reject(rel, None, "not_found", "a link to nothing"))
                    continue
                if not target.is_relative_to(root):
                    result.rejects.append(
                        Reject(rel, None, "outside", "a link out of the folder given; not read")
                    )
                    continue
            _read_file(path, rel, meta.get(name, {}), max_bytes, result)


def read_inputs(paths: list[Path], max_bytes: int) -> ReadResult:
    """Read every article under the given folders and files."""
    result = ReadResult()
    for given in paths:
        if given.is_dir():
            _walk(given, max_bytes, result)
        elif given.is_file():
            # Only this file's row of its folder's manifest matters: other rows are not inputs.
            meta = _manifest(given.parent, given.parent, max_bytes, ReadResult()).get(given.name, {})
            _read_file(given, given.name, meta, max_bytes, result)
        else:
            result.rejects.append(Reject(str(given), None, "not_found", "no such file or folder"))
    return result


def parse_published(value: str) -> tuple[dt.date, str] | None:
    """A publication date given as metadata: "2021-07-08" (day), "2021-05" (month), "2016" (year), or None."""
    value = (value or "").strip()
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return dt.datetime.strptime(value, fmt).date(), precision
        except ValueError:
            continue
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%B %d, %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date(), "day"
        except ValueError:
            continue
    return None
