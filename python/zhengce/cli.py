"""The `zhengce` command line (also `python -m zhengce`). See `zhengce --help`."""
from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from pathlib import Path

import polars as pl

from . import _corpus, _zhengce, stream
from ._errors import ZhengceError
from ._options import native_options

#: The frames `read` and `extract` write (the same ones).
FRAMES = _corpus.WRITTEN_FRAMES

EPILOG = """\
examples:
  zhengce report --sample                 the report of the bundled sample (zhengce-report.html)
  zhengce report docs/ -o report.html     the report of your documents (files, folders, globs)
  zhengce report docs/ -o report.xlsx     the same tables for Excel, one sheet per frame
  zhengce sample                          the comparison of the bundled sample, in the terminal
  zhengce compare docs/ 'more/**/*.txt'   the same comparison for your documents
  zhengce compare docs/ --province 吉林    documents whose province you know
  zhengce read docs/ --out frames/ --format csv    every frame as CSV that Excel opens
  zhengce extract docs/ --out frames/     frames in batches, resumable, for any size of corpus
  zhengce save docs/ -o corpus.zc         read once; `zhengce report corpus.zc` opens it in seconds

exit codes:
  0  done (warnings, if any, are listed on stderr)
  1  nothing could be read, or --raise stopped at an unreadable file
  2  the command line is wrong
  3  done, but some files could not be read (listed on stderr)
  4  the output could not be written
  5  a bug in zhengce (please report it; ZHENGCE_DEBUG=1 shows the traceback)
  130 interrupted; 141 the output pipe was closed (e.g. `| head`)
"""

OK, NOTHING_READ, USAGE, SOME_UNREAD, NOT_WRITTEN, BUG = 0, 1, 2, 3, 4, 5


class CommandError(Exception):
    """A problem to report in one line, with its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _say(msg: str) -> None:
    print(f"zhengce: {msg}", file=sys.stderr)


def _progress(total: int, unit: str, desc: str):
    """A progress bar on stderr when it is a terminal (tqdm decides), silent otherwise."""
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, disable=None, file=sys.stderr, leave=False)


def _options(a: argparse.Namespace, items: list[tuple[str, str]]) -> dict:
    """The ReadOptions of the command line: --manifest (per file), --province
    (every document, on top of the manifest), --raise."""
    options: dict = {"on_error": "raise" if getattr(a, "raise_", False) else "collect"}
    if getattr(a, "manifest", None):
        options["manifest"] = a.manifest
    if getattr(a, "province", None):
        options["meta"] = {doc_id: {"province": a.province} for _, doc_id in items}
    return options


def read_with_progress(paths: list[str], a: argparse.Namespace) -> _corpus.Corpus:
    """Read files, folders and globs in batches, showing files read; a saved
    corpus (one ``.zc`` path) is opened instead."""
    one = Path(paths[0]) if len(paths) == 1 else None
    if one is not None and ((one.suffix == ".zc" and one.is_file()) or (one / stream.MANIFEST).is_file()):
        from ._saved import open_corpus

        return open_corpus(one)
    items, problems = stream.plan(paths)
    options = _options(a, items)
    lost = problems.errors.filter(pl.col("severity") == "error")
    if options["on_error"] == "raise" and lost.height:
        raise CommandError(lost["message"][0], NOTHING_READ)
    native = native_options(options)
    size = max(8, min(256, math.ceil(len(items) / 40) or 1))
    parts = [problems._native]
    with _progress(len(items), "file", "reading") as bar:
        for k in range(0, len(items), size):
            batch = items[k : k + size]
            parts.append(_zhengce.read_planned(batch, native))
            bar.update(len(batch))
    return _corpus.Corpus(_zhengce.concat_all(parts), _options=options)


def report_problems(corpus: _corpus.Corpus, limit: int = 10) -> int:
    """Print the files not read and the warnings on stderr; the exit code they call for."""
    errs = corpus.errors
    lost = errs.filter(pl.col("severity") == "error")
    warns = errs.filter(pl.col("severity") != "error")
    if lost.height:
        _say(f"{lost.height} file(s) could not be read:")
        for msg in lost["message"].head(limit).to_list():
            print(f"  {msg}", file=sys.stderr)
    if warns.height:
        kinds = warns.group_by("kind").len().sort(["len", "kind"], descending=[True, False])
        summary = ", ".join(f"{k} {n}" for k, n in kinds.iter_rows())
        _say(f"{warns.height} warning(s) ({summary}):")
        for msg in warns["message"].head(limit).to_list():
            print(f"  {msg}", file=sys.stderr)
        if warns.height > limit:
            print(f"  … {warns.height - limit} more (all of them are in the errors frame and the report)", file=sys.stderr)
    if len(corpus) == 0:
        raise CommandError("no document could be read" + ("" if lost.height else " (no files found)"), NOTHING_READ)
    return SOME_UNREAD if lost.height else OK


def write_frames(frames: dict[str, pl.DataFrame], out: Path, fmt: str) -> list[Path]:
    """Write frames to ``out`` as Parquet, CSV (UTF-8 with a byte-order mark, lists
    joined with ；), JSON Lines, or one Excel workbook with a sheet per frame."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        from ._report import write_excel

        return [write_excel(frames, out / "frames.xlsx")]
    written = []
    for name, df in frames.items():
        p = out / f"{name}.{fmt}"
        stream.write_frame(df, p, fmt)
        written.append(p)
    return written


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhengce",
        description="Read Chinese policy documents (实施方案, 工作要点, 意见 …) into task records, departments, "
        "targets, deadlines and themes, and compare provinces.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--version", action="version", version=f"zhengce {_zhengce.__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)

    def inputs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
        p.add_argument(
            "paths", nargs=nargs, metavar="PATH", help="files, folders (read recursively) and glob patterns; or one saved corpus.zc or extract folder"
        )
        p.add_argument("--manifest", metavar="CSV", help="per-file metadata: a 'file' or 'doc_id' column and any of province, issuer, doc_number, title, date, year")
        p.add_argument("--province", metavar="NAME", help="the province of every document read (e.g. 吉林), whatever their text says")
        p.add_argument("--raise", dest="raise_", action="store_true", help="stop at the first unreadable file (exit code 1)")

    s = command("sample", "compare the provinces of the bundled sample corpus", "zhengce sample --width 100")
    s.add_argument("--width", type=int, default=None, help="the widest a printed line may be (default: the terminal's)")
    c = command("compare", "compare the provinces of your documents in the terminal", "zhengce compare docs/ --manifest m.csv")
    inputs(c)
    c.add_argument("--width", type=int, default=None, help="the widest a printed line may be (default: the terminal's)")
    c.add_argument("--by", default="province", help="the document column to compare by (province, year, doc_type …)")
    r = command("report", "write the report: a self-contained HTML file, or an Excel workbook", "zhengce report docs/ -o report.html")
    inputs(r, nargs="*")
    r.add_argument("--sample", action="store_true", help="the report of the bundled sample")
    r.add_argument("-o", "--out", type=Path, default=Path("zhengce-report.html"), help="report.html or report.xlsx (default: zhengce-report.html)")
    rd = command("read", "read documents and write every frame to a folder", "zhengce read docs/ --out frames/ --format csv")
    inputs(rd)
    rd.add_argument("--out", required=True, type=Path, help="the folder to write to")
    rd.add_argument("--format", choices=("parquet", "csv", "jsonl", "xlsx"), default="parquet", help="csv has a byte-order mark for Excel")
    x = command("extract", "read a corpus in batches and write partitioned frames (resumable)", "zhengce extract docs/ --out frames/ --batch-size 500")
    inputs(x)
    x.add_argument("--out", required=True, type=Path, help="the folder to write to (frames/<frame>/part-NNNNN.<format>)")
    x.add_argument("--batch-size", type=int, default=256, help="files per batch (memory holds one batch)")
    x.add_argument("--format", choices=("parquet", "csv", "jsonl"), default="parquet")
    x.add_argument("--overwrite", action="store_true", help="start again in a folder written for other files")
    sv = command("save", "read documents once and save the corpus to one file", "zhengce save docs/ -o corpus.zc")
    inputs(sv)
    sv.add_argument("-o", "--out", required=True, type=Path, help="the file to write (corpus.zc)")
    return ap


def _terminal_width(width: int | None) -> int:
    if width:
        return width
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except OSError:
        return 120


def _run(a: argparse.Namespace) -> int:
    from . import _report as report

    if a.cmd == "sample":
        report.print_comparison(_corpus.load_sample(), width=_terminal_width(a.width))
        return OK
    if a.cmd == "extract":
        return _extract(a)
    if a.cmd == "report" and a.sample:
        corpus = _corpus.load_sample()
    elif a.cmd == "report" and not a.paths:
        raise CommandError("report: give the documents to read (PATH …), or --sample for the bundled sample", USAGE)
    else:
        corpus = read_with_progress(a.paths, a)
    code = report_problems(corpus)
    if a.cmd == "compare":
        report.print_comparison(corpus, width=_terminal_width(a.width), by=a.by)
    elif a.cmd == "read":
        written = _writing(a.out, lambda: write_frames({n: getattr(corpus, n) for n in FRAMES}, a.out, a.format))
        print(f"wrote {len(FRAMES)} frames for {len(corpus)} documents to {a.out} ({len(written)} file(s))")
    elif a.cmd == "save":
        path = _writing(a.out, lambda: corpus.save(a.out))
        print(f"saved {len(corpus)} documents to {path.resolve()}")
    elif a.cmd == "report":
        path = _writing(a.out, lambda: report.write_report(corpus, a.out))
        print(f"wrote the report of {len(corpus)} documents to {path.resolve()}")
    return code


def _writing(target: Path, write):
    try:
        return write()
    except OSError as e:
        raise CommandError(f"cannot write {target}: {e.strerror or e}", NOT_WRITTEN) from None


def _extract(a: argparse.Namespace) -> int:
    items, _ = stream.plan(a.paths)
    with _progress(len(items), "file", "extracting") as bar:
        result = _writing(
            a.out,
            lambda: stream.extract(
                a.paths, a.out, batch_size=a.batch_size, format=a.format, overwrite=a.overwrite, progress=bar.update, **_options(a, items)
            ),
        )
    done = result.filter(~pl.col("skipped"))
    lost = int(done["errors"].sum() or 0)
    print(
        f"{a.out}: {result.height} batches, {done.height} written now ({done['documents'].sum() or 0} documents, "
        f"{lost} files not read), {result.height - done.height} already written"
    )
    if lost:
        _say(f"{lost} file(s) could not be read: see {a.out / 'errors'}")
    return SOME_UNREAD if lost else OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `zhengce` command: one line on stderr and an exit code
    for every problem (see ``zhengce --help``), never a traceback."""
    a = _parser().parse_args(argv)
    try:
        code = _run(a)
        sys.stdout.flush()
        return code
    except CommandError as e:
        _say(str(e))
        return e.code
    except stream.ExtractionMismatch as e:
        _say(f"{e} (zhengce extract --overwrite starts again)")
        return NOTHING_READ
    except ZhengceError as e:
        _say(str(e))
        return NOTHING_READ
    except BrokenPipeError:
        # The reader went away (`zhengce sample | head -2`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
        _say(f"{e.filename}: {e.strerror}")
        return NOTHING_READ
    except Exception as e:  # a bug: still one line, unless asked for the traceback
        if os.environ.get("ZHENGCE_DEBUG"):
            raise
        _say(f"internal error (a bug in zhengce, please report it): {type(e).__name__}: {e}")
        return BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
