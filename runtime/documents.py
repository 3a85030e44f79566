"""Reading replay input: JSONL files (one document per line), folders of them, and ``.txt``
files. Each bad line gets one clear error naming the file and line; the rest still load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.errors import DocumentRejected
from bot.usecases.ingest import IncomingDocument, check_document

MAX_LINE_BYTES = 6 * 1024 * 1024


@dataclass(frozen=True)
class InputProblem:
    where: str  # "file:line" or "file"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def load_documents(paths: list[Path]) -> tuple[list[IncomingDocument], list[InputProblem]]:
    docs: list[IncomingDocument] = []
    problems: list[InputProblem] = []
    for path in paths:
        for item in _read_path(path):
            (docs if isinstance(item, IncomingDocument) else problems).append(item)  # type: ignore[arg-type]
    docs.sort(key=lambda d: d.published)
    return docs, problems


def _read_path(path: Path) -> Iterator[IncomingDocument | InputProblem]:
    if not path.exists():
        yield InputProblem(str(path), "no such file or folder")
    elif path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".txt"))
        if not files:
            yield InputProblem(str(path), "the folder has no .jsonl or .txt files")
        for file in files:
            yield from _read_path(file)
    elif path.suffix == ".txt":
        yield _read_text_file(path)
    else:
        yield from _read_jsonl(path)


def _read_text_file(path: Path) -> IncomingDocument | InputProblem:
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputProblem(str(path), f"not UTF-8 (bad byte at offset {err.start})")
    except OSError as err:
        return InputProblem(str(path), f"cannot be read ({err.strerror})")
    published = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    doc = IncomingDocument(text, published, source=path.name, title=path.stem,
                           external_id=path.name)
    return _checked(doc, str(path))


def _read_jsonl(path: Path) -> Iterator[IncomingDocument | InputProblem]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputProblem(str(path), f"cannot be read ({err.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _parse_line(raw, f"{path}:{number}")


def _parse_line(raw: bytes, where: str) -> IncomingDocument | InputProblem:
    if len(raw) > MAX_LINE_BYTES:
        return InputProblem(where, f"the line is {len(raw) / 1_048_576:.1f} MB, over the limit")
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        return InputProblem(where, f"not UTF-8 (bad byte at column {err.start + 1})")
    except json.JSONDecodeError as err:
        return InputProblem(where, f"not valid JSON ({err.msg} at column {err.colno})")
    if not isinstance(record, dict):
        return InputProblem(where, "a line must be a JSON object")
    return _document(record, where)


def _document(record: dict[str, object], where: str) -> IncomingDocument | InputProblem:
    text = record.get("text")
    if not isinstance(text, str):
        return InputProblem(where, 'the "text" field is missing or not a string')
    published = _published(record.get("published"))
    if published is None:
        shown = repr(record.get("published"))[:60]
        return InputProblem(where, f'"published" is not an ISO 8601 date: {shown}')
    fields = {k: record.get(k) for k in ("source", "url", "title", "id")}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        return InputProblem(where, '"id", "source", "url" and "title" must be strings')
    doc = IncomingDocument(text, published, str(fields["source"] or ""), str(fields["url"] or ""),
                           str(fields["title"] or ""), str(fields["id"] or ""))
    return _checked(doc, where)


def _published(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _checked(doc: IncomingDocument, where: str) -> IncomingDocument | InputProblem:
    try:
        check_document(doc)
    except DocumentRejected as err:
        return InputProblem(where, err.user_message)
    return doc
