"""Ingestion: files, folders and globs become input records and raw documents.

Every input file yields exactly one :class:`InputRecord` (its ``input_id`` is the
sha256 of its bytes) and the :class:`RawDocument` records it holds: one for an HTML
or text page, one per row of a CSV/JSONL file, one per HTML response of a WARC
archive. A file that cannot be read is yielded as a FAILED record with a stable code
and a one-line reason; a multi-record file with some bad rows is PARTIAL. Nothing
here raises through the batch.

Decoding policy (documented in README): UTF-8 (a BOM is honoured, UTF-16 with a BOM
too); for HTML a ``<meta charset>`` declaration is honoured; otherwise a file that is
not valid UTF-8 is read as cp1252 when that decodes it without control characters and
the documents carry the flag ``encoding_fallback:cp1252``; a file that is valid UTF-8
except for a few stray bytes (under 0.5% of characters) is read as UTF-8 with those
bytes replaced and flagged ``encoding_errors_replaced``; anything else fails CW104.
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.errors import IngestError, UsageError
from crosswire.models import InputRecord, InputStatus, RawDocument
from crosswire.settings import Settings

#: file name endings -> format (longest ending first)
FORMATS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
    (".csv", "csv"),
    (".tsv", "csv"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
)

#: column names understood in CSV/JSONL records (first present wins), FA-KES layout included
TEXT_COLUMNS = ("text", "content", "article_content", "body", "article_text", "story", "html")
TITLE_COLUMNS = ("title", "article_title", "headline")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "site", "source_name")
DATE_COLUMNS = ("date", "published", "publication_date", "pubdate", "date_published")
URL_COLUMNS = ("url", "link", "source_url")

_GLOB_CHARS = re.compile(r"[*?[]")
_CHUNK = 1 << 20


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files, folders (recursively, hidden entries skipped) and globs, sorted and deduplicated.

    A path or glob that matches nothing is kept as given, so that the run records it as a
    failed input (CW101) instead of silently doing nothing.
    """
    if not paths:
        raise UsageError("no input paths given", "CW902")
    found: set[str] = set()
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.update(os.path.join(root, f) for f in files if not f.startswith("."))
        elif os.path.exists(p):
            found.add(p)
        elif _GLOB_CHARS.search(p):
            matches = [m for m in glob.glob(p, recursive=True)]
            if not matches:
                found.add(p)
            for m in matches:
                if os.path.isdir(m):
                    found.update(expand_paths([m]))
                else:
                    found.add(m)
        else:
            found.add(p)
    return sorted({os.path.normpath(f) for f in found})


def detect_format(path: str) -> str | None:
    low = path.lower()
    for ending, fmt in FORMATS:
        if low.endswith(ending):
            return fmt
    return None


@dataclass
class _Read:
    """One file's decoding outcome."""

    docs: list[RawDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # per-record errors "row 3: [CW108] ..."
    code: str | None = None  # code for a PARTIAL result
    note: str | None = None  # e.g. the encoding fallback used


def iter_documents(
    files: Sequence[str],
    settings: Settings,
    already_done: Callable[[str], str | None],
) -> Iterator[tuple[InputRecord, list[RawDocument]]]:
    """One (InputRecord, documents) per file, lazily; failures come back as FAILED records."""
    for path in files:
        yield read_input(path, settings, already_done)


def _failed(input_id: str, path: str, fmt: str, code: str, message: str, size: int = 0) -> InputRecord:
    """A FAILED record. Its id also covers the path, so each broken file is recorded (a
    thousand empty files are a thousand failures), while stored inputs stay keyed by content."""
    return InputRecord(
        input_id=hashlib.sha256(f"failed:{os.path.abspath(path)}:{input_id}".encode()).hexdigest(),
        path=path,
        fmt=fmt,
        status=InputStatus.FAILED,
        size_bytes=size,
        error_code=code,
        message=f"[{code}] {message}",
    )


def _path_id(kind: str, path: str, extra: str = "") -> str:
    """An id for an input whose bytes were not (or could not be) read: derived from its path."""
    return hashlib.sha256(f"{kind}:{os.path.abspath(path)}:{extra}".encode()).hexdigest()


def read_input(
    path: str, settings: Settings, already_done: Callable[[str], str | None]
) -> tuple[InputRecord, list[RawDocument]]:
    """Read one file into its record and documents (never raises for a bad file)."""
    fmt = detect_format(path) or "unknown"
    try:
        st = os.stat(path)
    except OSError as exc:
        reason = "no such file or folder (nothing matched)" if not os.path.lexists(path) else str(exc)
        return _failed(_path_id("missing", path), path, fmt, "CW101", reason), []
    if not os.path.isfile(path):
        return _failed(_path_id("special", path), path, fmt, "CW101", "not a regular file"), []
    size = st.st_size
    if size > settings.max_file_bytes:
        # refused before reading a byte: the id comes from path, size and mtime
        return (
            _failed(
                _path_id("oversize", path, f"{size}:{st.st_mtime_ns}"),
                path,
                fmt,
                "CW105",
                f"file is {size:,} bytes, over the limit of {settings.max_file_bytes:,} (max_file_bytes)",
                size,
            ),
            [],
        )
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        input_id = digest.hexdigest()
    except OSError as exc:
        return _failed(_path_id("unreadable", path), path, fmt, "CW101", f"cannot read: {exc}", size), []

    if already_done(input_id) in ("ok", "partial"):
        return (
            InputRecord(
                input_id=input_id,
                path=path,
                fmt=fmt,
                status=InputStatus.SKIPPED,
                size_bytes=size,
                error_code="CW112",
                message="[CW112] input seen before with identical content (skipped)",
            ),
            [],
        )
    if size == 0:
        return _failed(input_id, path, fmt, "CW102", "empty file"), []
    try:
        read = _read(path, fmt, input_id, settings)
    except IngestError as exc:
        return _failed(input_id, path, fmt, exc.code, exc.message, size), []
    except (OSError, MemoryError) as exc:
        return _failed(input_id, path, fmt, "CW101", f"cannot read: {exc}", size), []
    if read.docs and read.problems:
        status, code = InputStatus.PARTIAL, read.code or "CW108"
        msg = f"[{code}] {len(read.problems)} record(s) skipped: " + "; ".join(read.problems[:5])
    elif read.problems:
        code = read.code or "CW108"
        return _failed(
            input_id, path, fmt, code, "no usable record: " + "; ".join(read.problems[:5]), size
        ), []
    else:
        status, code, msg = InputStatus.OK, None, None
    if read.note:
        msg = f"{msg}; {read.note}" if msg else read.note
    record = InputRecord(
        input_id=input_id,
        path=path,
        fmt=fmt,
        status=status,
        size_bytes=size,
        error_code=code,
        message=msg,
        n_stories=0,
    )
    return record, read.docs


def _read(path: str, fmt: str, input_id: str, settings: Settings) -> _Read:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if fmt == "warc":
        return _read_warc(path, input_id)
    if head.startswith(b"\x1f\x8b"):
        raise IngestError("compressed (gzip) file: only .warc.gz archives are read compressed", "CW103")
    if _looks_binary(head):
        raise IngestError("binary file (not text, HTML, CSV, JSONL or WARC)", "CW103")
    with open(path, "rb") as fh:
        data = fh.read()
    if fmt == "unknown":
        low = head[:2048].lower()
        if b"<html" in low or b"<!doctype html" in low:
            fmt = "html"
        elif path.lower().endswith((".md", ".markdown", "")) or b"\n" in head:
            fmt = "text"
        else:
            raise IngestError("unsupported file type", "CW110")
    text, flag = decode_bytes(data, html=fmt == "html")
    flags = [flag] if flag else []
    note = f"decoded with fallback ({flag})" if flag else None
    if fmt == "html":
        flags += ["html_truncated"] if _truncated_html(text) else []
        extra: dict[str, Any] = {"_flags": flags} if flags else {}
        return _Read([RawDocument(input_id, path, "html", html=text, extra=extra)], note=note)
    if fmt == "text":
        return _Read(
            [RawDocument(input_id, path, "text", text=text, extra={"_flags": flags} if flags else {})],
            note=note,
        )
    if fmt == "csv":
        out = _read_csv(path, text, input_id, delimiter="\t" if path.lower().endswith(".tsv") else ",")
    else:
        out = _read_jsonl(path, text, input_id)
    if flags:
        for d in out.docs:
            d.extra["_flags"] = list(flags)
    out.note = note
    return out


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.05


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """Text of ``data`` and the fallback flag used, if any (see the module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise IngestError(f"invalid UTF-16: {exc}", "CW104") from exc
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            enc = m.group(1).decode("ascii", "replace").lower()
            try:
                codecs.lookup(enc)
                return data.decode(enc), f"encoding_declared:{enc}"
            except (LookupError, UnicodeDecodeError):
                pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if multibyte > bad and bad / max(len(replaced), 1) < 0.005:
        return replaced, "encoding_errors_replaced"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise IngestError(f"not valid UTF-8 nor cp1252 (byte {exc.start}: {exc.reason})", "CW104") from exc
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        raise IngestError("not valid UTF-8 and not a cp1252 text either", "CW104")
    return text, "encoding_fallback:cp1252"


def _truncated_html(html: str) -> bool:
    tail = html[-2048:].lower()
    return "<body" in html[:65536].lower() and "</html>" not in tail and "</body>" not in tail


def _pick(columns: Sequence[str], names: Sequence[str]) -> str | None:
    lower = {c.lower().strip(): c for c in columns if c}
    for n in names:
        if n in lower:
            return lower[n]
    return None


def _doc_from_row(
    row: dict[str, Any], input_id: str, path: str, fmt: str, key: str, text_col: str
) -> RawDocument:
    cols = list(row)
    title_c, outlet_c, date_c, url_c = (
        _pick(cols, TITLE_COLUMNS),
        _pick(cols, OUTLET_COLUMNS),
        _pick(cols, DATE_COLUMNS),
        _pick(cols, URL_COLUMNS),
    )
    used = {text_col, title_c, outlet_c, date_c, url_c}

    def val(c: str | None) -> str | None:
        if c is None or row.get(c) is None:
            return None
        v = str(row[c]).strip()
        return v or None

    raw = row.get(text_col)
    body = "" if raw is None else str(raw)
    is_html = text_col.lower() == "html" or bool(
        re.match(r"\s*<(?:!doctype|html|body|div|p)\b", body[:200], re.I)
    )
    return RawDocument(
        input_id=input_id,
        path=path,
        fmt=fmt,
        text="" if is_html else body,
        html=body if is_html else None,
        url=val(url_c),
        title=val(title_c),
        date=val(date_c),
        outlet=val(outlet_c),
        record_key=key,
        extra={k: v for k, v in row.items() if k not in used and k is not None},
    )


def _read_csv(path: str, text: str, input_id: str, delimiter: str) -> _Read:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    out = _Read()
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(reader, None)
        if not header:
            raise IngestError("CSV file has no header row", "CW107")
        header = [h.strip() for h in header]
        text_col = _pick(header, TEXT_COLUMNS)
        if text_col is None:
            raise IngestError(
                f"no text column (expected one of {', '.join(TEXT_COLUMNS)};"
                f" found {', '.join(header)[:200]})",
                "CW107",
            )
        for n, fields in enumerate(reader, start=1):
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                out.problems.append(f"row {n}: [CW108] {len(fields)} fields, header has {len(header)}")
                continue
            row = dict(zip(header, fields, strict=True))
            if not row[text_col].strip():
                out.problems.append(f"row {n}: [CW108] empty {text_col}")
                continue
            out.docs.append(_doc_from_row(row, input_id, path, "csv", f"row {n}", text_col))
    except csv.Error as exc:
        out.problems.append(f"[CW108] CSV stopped parsing: {exc}")
    if not out.docs and not out.problems:
        raise IngestError("CSV file has a header but no records", "CW107")
    return out


def _read_jsonl(path: str, text: str, input_id: str) -> _Read:
    out = _Read()
    layout_seen = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.problems.append(f"line {n}: [CW108] invalid JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            out.problems.append(f"line {n}: [CW108] not a JSON object")
            continue
        text_col = _pick(list(row), TEXT_COLUMNS)
        if text_col is None or not isinstance(row.get(text_col), str) or not row[text_col].strip():
            out.problems.append(f"line {n}: [CW108] no text field")
            continue
        layout_seen = True
        out.docs.append(_doc_from_row(row, input_id, path, "jsonl", f"line {n}", text_col))
    if not layout_seen and out.problems and all("no text field" in p for p in out.problems):
        raise IngestError(f"no record has a text field (one of {', '.join(TEXT_COLUMNS)})", "CW107")
    if not out.docs and not out.problems:
        raise IngestError("JSONL file holds no records", "CW107")
    return out


_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.I)


def _read_warc(path: str, input_id: str) -> _Read:
    """HTML responses of a WARC archive, streamed record by record with warcio."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out = _Read()
    n = 0
    damage = _gzip_damage(path)
    try:
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                n += 1
                if rec.rec_type != "response" or rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode()
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2") or "html" not in ctype.lower():
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                rid = rec.rec_headers.get_header("WARC-Record-ID") or ""
                body = rec.content_stream().read()
                if getattr(rec.raw_stream, "limit", 0):  # fewer bytes than the record announced
                    damage = damage or f"record {n} ends early"
                    continue
                m = _HTTP_CHARSET.search(ctype)
                try:
                    html = body.decode(m.group(1)) if m else decode_bytes(body, html=True)[0]
                except (LookupError, UnicodeDecodeError, IngestError):
                    try:
                        html = decode_bytes(body, html=True)[0]
                    except IngestError as exc:
                        out.problems.append(f"record {n}: [{exc.code}] {exc.message}")
                        continue
                out.docs.append(
                    RawDocument(
                        input_id=input_id,
                        path=path,
                        fmt="warc",
                        html=html,
                        url=url,
                        record_key=f"record {n} {rid}".strip(),
                        extra={"crawl_date": rec.rec_headers.get_header("WARC-Date")},
                    )
                )
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, gzip.BadGzipFile) as exc:
        reason = f"WARC archive unreadable or truncated after {n} record(s): {type(exc).__name__}: {exc}"
        if not out.docs:
            raise IngestError(reason, "CW109") from exc
        out.problems.append(f"[CW109] {reason}")
        out.code = "CW109"
    except Exception as exc:  # zlib.error and warcio's own parse errors have no common base
        reason = f"WARC archive unreadable after {n} record(s): {type(exc).__name__}: {exc}"
        if not out.docs:
            raise IngestError(reason, "CW109") from exc
        out.problems.append(f"[CW109] {reason}")
        out.code = "CW109"
    if damage and out.code is None:
        reason = f"WARC archive truncated or damaged ({damage}); {len(out.docs)} HTML record(s) kept"
        if not out.docs:
            raise IngestError(reason, "CW109")
        out.problems.append(f"[CW109] {reason}")
        out.code = "CW109"
    if not out.docs and not out.problems:
        raise IngestError(f"WARC archive holds no HTML response records ({n} records read)", "CW109")
    return out


def _gzip_damage(path: str) -> str | None:
    """Why a gzipped archive is damaged (warcio silently stops at a cut gzip member), or None."""
    if not path.lower().endswith(".gz"):
        return None
    try:
        with gzip.open(path, "rb") as gz:
            while gz.read(_CHUNK):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
