"""Reading inputs: every file ends up as an article or as a reject with its reason."""

from __future__ import annotations

import json

import pytest

from pipeline.read.files import article_id, read_inputs

MB = 1_000_000


def write(path, content, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_folders_are_read_recursively_with_their_manifest(tmp_path):
    write(tmp_path / "a.txt", "Five soldiers were killed.")
    write(tmp_path / "sub" / "b.md", "Ten people fled.")
    write(
        tmp_path / "manifest.csv", "file,published,title,source,url\na.txt,2021-07-08,Title A,AFP,http://x\n"
    )
    result = read_inputs([tmp_path], 20 * MB)
    by_file = {a.file: a for a in result.articles}
    assert sorted(by_file) == ["a.txt", "sub/b.md"]
    assert (by_file["a.txt"].published, by_file["a.txt"].title, by_file["a.txt"].source) == (
        "2021-07-08",
        "Title A",
        "AFP",
    )
    assert by_file["sub/b.md"].published is None
    assert result.rejects == []


def test_a_file_given_directly_is_named_by_its_file_name(tmp_path):
    path = write(tmp_path / "deep" / "x.txt", "Five soldiers were killed.")
    (article,) = read_inputs([path], 20 * MB).articles
    assert article.file == "x.txt"


def test_jsonl_and_csv_records_are_named_file_hash_line(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "One.", "published": "2021-05"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    write(tmp_path / "feed.csv", 'id,text,title\nc1,"Two, with a comma.",T\nc2,Three.,T,extra\n')
    result = read_inputs([tmp_path], 20 * MB)
    assert sorted((a.file, a.external_id) for a in result.articles) == [
        ("feed.csv#2", "c1"),
        ("feed.jsonl#1", "a1"),
    ]
    assert sorted((r.path, r.line, r.reason) for r in result.rejects) == [
        ("feed.csv", 3, "ragged_row"),
        ("feed.jsonl", 2, "bad_json"),
        ("feed.jsonl", 3, "bad_json"),
        ("feed.jsonl", 4, "empty"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\t\n", "empty"),
        ("scan.pdf", b"%PDF-1.4\x00\x01", "unsupported"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("table.csv", "title,body\nx,y\n", "no_text_column"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(tmp_path, name, content, reason):
    write(tmp_path / name, content)
    result = read_inputs([tmp_path], 20 * MB)
    assert result.articles == []
    assert [(r.path, r.reason) for r in result.rejects] == [(name, reason)]


def test_a_file_over_the_size_limit_is_rejected_not_read(tmp_path):
    write(tmp_path / "big.txt", "x" * 2000)
    (reject,) = read_inputs([tmp_path], 1000).rejects
    assert reject.reason == "too_large"


def test_a_manifest_naming_a_missing_file_is_listed(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "manifest.csv", "file,published\na.txt,2021\ngone.txt,2021\n")
    result = read_inputs([tmp_path], 20 * MB)
    assert [(r.path, r.line, r.reason) for r in result.rejects] == [
        ("manifest.csv", 3, "manifest_missing_file")
    ]


def test_non_utf8_text_is_decoded_and_said_so(tmp_path):
    write(tmp_path / "win.txt", "Caf\xe9 attack: 5 killed.".encode("cp1252"))
    result = read_inputs([tmp_path], 20 * MB)
    assert result.articles[0].text == "Café attack: 5 killed."
    assert result.notices == ["win.txt: not UTF-8, read as Windows-1252"]


def test_the_same_text_gives_the_same_id_whatever_its_line_endings_or_bom():
    assert article_id("A\r\nB\n") == article_id("\ufeffA\nB") != article_id("A B")


def test_a_missing_path_is_a_reject(tmp_path):
    (reject,) = read_inputs([tmp_path / "nope"], 20 * MB).rejects
    assert reject.reason == "not_found"
