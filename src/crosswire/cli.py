"""The command-line interface: thin click commands over library functions."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from crosswire import __version__
from crosswire.errors import EXIT_FATAL, EXIT_INPUT_FAILURES, EXIT_OK, CrosswireError

err = Console(stderr=True)


def _fatal(exc: Exception) -> None:
    click.echo(f"crosswire: {exc}", err=True)
    sys.exit(EXIT_FATAL)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosswire")
def main() -> None:
    """crosswire: cross-checked, geolocated conflict events from partisan news."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default="crosswire.duckdb", show_default=True, help="DuckDB database file.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--reextract", is_flag=True, help="Extract every stored story again (done by itself when the knowledge changed)."
)
def run(inputs: tuple[str, ...], db_path: str, quiet: bool, reextract: bool) -> None:
    """Ingest INPUTS (files, folders or globs) and run every pipeline stage.

    Re-running on the same input changes nothing: inputs are keyed by content hash.
    When the data files (bundled or in CROSSWIRE_DATA) or crosswire itself changed since
    the database was filled, the stored stories are extracted again with the new knowledge.
    Exit code 0 if every input was stored, 1 if some failed (each is recorded
    with its reason), 2 if nothing could be done.
    """
    from crosswire.pipeline import run as run_pipeline

    def progress(items: Iterable[Any], total: int) -> Iterable[Any]:
        if quiet or total < 20:
            yield from items
            return
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("ingesting", total=total)
            for item in items:
                yield item
                bar.advance(task)

    try:
        summary = run_pipeline(list(inputs), db_path, progress=progress, reextract=reextract)
    except CrosswireError as exc:
        _fatal(exc)
        return
    if not quiet:
        t = summary.totals
        click.echo(
            f"inputs: {summary.inputs_seen} seen, {summary.inputs_ok} stored, "
            f"{summary.inputs_skipped} unchanged, {summary.inputs_failed} failed"
        )
        if summary.stories_reextracted:
            click.echo(f"stored stories extracted again with the current knowledge: {summary.stories_reextracted}")
        click.echo(
            f"database {db_path}: {t.get('stories', 0)} stories, {t.get('events', 0)} events, "
            f"{t.get('claims', 0)} claims, {t.get('links', 0)} links, "
            f"{t.get('contradictions', 0)} contradictions"
        )
        for rec in summary.failures:
            click.echo(f"  {rec.status.value}: {rec.path}: {rec.message}", err=True)
        for msg in summary.stage_errors:
            click.echo(f"  stage error: {msg}", err=True)
    sys.exit(EXIT_OK if summary.ok else EXIT_INPUT_FAILURES)


@main.command()
@click.option(
    "--jsonl", "jsonl_in", required=True, help='JSON lines, each {"id", "text" or "html", ...}; - for stdin.'
)
@click.option("-o", "--output", "out_path", default="-", show_default=True, help="Output JSON lines file.")
def extract(jsonl_in: str, out_path: str) -> None:
    """Extract events and claims from JSON lines without a database.

    Each input line gives one output line {"id", "articles", "events", "claims"} (plus "error"
    when the line could not be used); each article's "credibility" ({"score", "reasons"}) is
    computed against the other lines of the same input, so the output is written once the whole
    input has been read (split a very large input into batches you want scored together).
    Exit code 1 if some lines failed.
    """
    import json

    from crosswire.pipeline import extract_batch

    failed = 0
    try:
        with click.open_file(jsonl_in, "r", encoding="utf-8") as src, click.open_file(
            out_path, "w", encoding="utf-8"
        ) as dst:
            for row in extract_batch(src):
                if "error" in row:
                    failed += 1
                    click.echo(f"  {row['id']}: {row['error']}", err=True)
                dst.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    except OSError as exc:
        _fatal(CrosswireError(str(exc), "CW101"))
    except CrosswireError as exc:
        _fatal(exc)
    sys.exit(EXIT_INPUT_FAILURES if failed else EXIT_OK)


@main.command()
@click.option("--db", "db_path", required=True, help="DuckDB database file.")
@click.option("--what", type=click.Choice(["articles", "events", "claims"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson"]), required=True)
@click.option("-o", "--output", "out_path", default="-", show_default=True, help="Output file.")
def export(db_path: str, what: str, fmt: str, out_path: str) -> None:
    """Export articles, events (ACLED columns) or claims as CSV, JSON lines or GeoJSON.

    GeoJSON holds events with coordinates; events without any are counted on stderr.
    """
    from crosswire import export as export_module
    from crosswire.store import Store

    try:
        with Store(db_path, read_only=True) as store:
            if out_path == "-":
                summary = export_module.export(store, what, fmt, sys.stdout)
            else:
                with open(out_path, "w", encoding="utf-8", newline="") as dst:
                    summary = export_module.export(store, what, fmt, dst)
    except OSError as exc:
        _fatal(CrosswireError(f"cannot write {out_path}: {exc}", "CW901"))
        return
    except CrosswireError as exc:
        _fatal(exc)
        return
    if summary.skipped_without_coordinates:
        click.echo(f"{summary.skipped_without_coordinates} events without coordinates left out", err=True)
    if out_path != "-":
        click.echo(f"{summary.written} {what} written to {out_path}", err=True)
    sys.exit(EXIT_OK)


@main.command()
@click.option("--db", "db_path", required=True, help="DuckDB database file (created if missing).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (local only).")
@click.option("--port", default=8765, show_default=True, type=int)
@click.option(
    "--write-token",
    default=None,
    envvar="CROSSWIRE_WRITE_TOKEN",
    help="Enables ingest/delete for clients that send this token (default: read-only).",
)
@click.option("--tile-url", default=None, help="Map tile URL template ({z}/{x}/{y}); default: offline.")
def serve(db_path: str, host: str, port: int, write_token: str | None, tile_url: str | None) -> None:
    """Serve the dashboard and JSON API (OpenAPI at /docs) over the database at --db."""
    from crosswire.serve import serve as run_server

    try:
        run_server(db_path, host=host, port=port, write_token=write_token, tile_url=tile_url)
    except CrosswireError as exc:
        _fatal(exc)


@main.command()
@click.option("--db", "db_path", required=True, help="DuckDB database file.")
@click.option("-o", "--output", "out_path", default="report.html", show_default=True, help="HTML file.")
@click.option("--title", default="crosswire report", show_default=True)
@click.option("--json", "json_path", default=None, help="Also write the report's data as JSON here.")
def report(db_path: str, out_path: str, title: str, json_path: str | None) -> None:
    """Write a self-contained HTML report: event cards, contradictions, claims, framing, credibility."""
    from crosswire.report import write_report

    try:
        path = write_report(db_path, out_path, title=title, json_path=json_path)
    except CrosswireError as exc:
        _fatal(exc)
        return
    except OSError as exc:
        _fatal(CrosswireError(f"cannot write {out_path}: {exc}", "CW901"))
        return
    click.echo(f"report written to {path}", err=True)
    sys.exit(EXIT_OK)


@main.group()
def gazetteer() -> None:
    """Manage gazetteers: the places crosswire can geocode."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["geonames", "ocha", "csv"]), required=True,
              help="geonames: a GeoNames dump (tab-separated); ocha: an OCHA P-code table; "
              "csv: a CSV with name, latitude, longitude (and optional crosswire columns).")
@click.option("--country", default=None,
              help="ISO country code: keep only its rows (geonames) or stamp it on rows.")
@click.option("--dest", default=None, type=click.Path(file_okay=False),
              help="Data folder to write DEST/gazetteer/<name>.csv into "
              "(default: the first CROSSWIRE_DATA folder, else ~/.local/share/crosswire).")
def gazetteer_import(file: str, fmt: str, country: str | None, dest: str | None) -> None:
    """Convert FILE into crosswire's gazetteer schema in a user data folder."""
    from crosswire.geocode import import_gazetteer

    try:
        result = import_gazetteer(file, fmt, country=country, dest=dest)
    except CrosswireError as exc:
        _fatal(exc)
        return
    skipped = f" ({result.skipped} rows of other countries or classes skipped)" if result.skipped else ""
    click.echo(f"wrote {result.rows} places to {result.path}{skipped}")


if __name__ == "__main__":  # pragma: no cover
    main()
