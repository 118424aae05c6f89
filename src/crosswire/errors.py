"""crosswire's exception tree and stable error codes.

Every error a user can see has a stable code (``CW1xx`` ingest, ``CW2xx``
store, ``CW3xx`` extract, ``CW4xx`` link/verify, ``CW5xx`` serve, ``CW9xx``
usage). Library exceptions (lxml, DuckDB, spaCy, warcio) are translated into
these where crosswire calls the library; the CLI maps them to exit codes.
"""

from __future__ import annotations

from typing import Final

#: code -> short human description. Codes never change meaning once released.
CODES: Final[dict[str, str]] = {
    # ingest (per input; recorded in the inputs table, never fatal for a run)
    "CW101": "file not found or unreadable",
    "CW102": "empty file",
    "CW103": "binary file (not text, HTML, CSV, JSONL or WARC)",
    "CW104": "invalid text encoding",
    "CW105": "file larger than the size limit",
    "CW106": "HTML could not be parsed or held no article text",
    "CW107": "CSV/JSONL record layout not recognised (missing text column)",
    "CW108": "malformed CSV/JSONL record",
    "CW109": "WARC archive unreadable or truncated",
    "CW110": "unsupported file type",
    "CW111": "no story text left after cleaning",
    "CW112": "input seen before with identical content (skipped)",
    # store
    "CW201": "database could not be opened",
    "CW202": "database schema is from an incompatible crosswire version",
    "CW203": "database write failed",
    # extract
    "CW301": "NLP model could not be loaded",
    "CW302": "extraction failed for one story",
    "CW303": "data file missing or malformed",
    # link / verify
    "CW401": "linking failed",
    "CW402": "credibility scoring failed",
    # serve
    "CW501": "write token missing or wrong",
    "CW502": "upload too large",
    "CW503": "malformed upload",
    "CW504": "no such record (event, story, outlet or input)",
    "CW505": "database busy or unreadable for this request",
    "CW506": "malformed request (a parameter is missing or invalid)",
    # usage
    "CW901": "bad command-line usage",
    "CW902": "no input files matched",
}


class CrosswireError(Exception):
    """Base class: carries a stable code and a one-line message."""

    code: str = "CW000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class IngestError(CrosswireError):
    """One input could not be read or cleaned; the run goes on."""

    code = "CW101"


class StoreError(CrosswireError):
    code = "CW201"


class ExtractError(CrosswireError):
    code = "CW302"


class DataFileError(CrosswireError):
    """A bundled or user data file (gazetteer, actors, outlets, lexicon) is malformed."""

    code = "CW303"


class LinkError(CrosswireError):
    code = "CW401"


class ServeError(CrosswireError):
    code = "CW501"


class UsageError(CrosswireError):
    code = "CW901"


#: exit codes used by the CLI
EXIT_OK: Final = 0
EXIT_INPUT_FAILURES: Final = 1  # the run finished but some inputs failed
EXIT_FATAL: Final = 2  # nothing could be done (bad usage, database unusable)
