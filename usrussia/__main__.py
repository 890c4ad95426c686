"""Command line: ``python -m usrussia check-data [DIR]`` checks the data tables;
``python -m usrussia summarize SUBMISSIONS... [-o summary.html]`` writes a class report."""
from __future__ import annotations

import argparse
import sys

from . import data, summary


def check_data(directory: str | None) -> int:
    """Validate every table in ``directory``; print each problem or a one-line summary."""
    try:
        course = data.load(directory)  # reads and validates each table once
    except data.DataError as err:
        for problem in err.problems:
            print(problem)
        print(f"{len(err.problems)} problem(s) found", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(getattr(course, name))} {name}" for name in data.TABLES)
    print(f"data OK: {counts}")
    return 0


def summarize(paths: list[str], output: str) -> int:
    """Write the class report; name every file skipped; fail only if no submission could be read."""
    submissions, skipped = summary.summarize(paths, output)
    for item in skipped:
        print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
    if not submissions:
        print("no submission could be read; the report is empty", file=sys.stderr)
        return 1
    print(f"{len(submissions)} submission(s) summarized, {len(skipped)} skipped: report written to {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m usrussia", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-data", help="validate the data tables and the references between them")
    check.add_argument("directory", nargs="?", default=None,
                       help="folder with the CSV files (default: the course's data/)")
    report = commands.add_parser("summarize", help="write a class report from the students' exported answers")
    report.add_argument("submissions", nargs="+", help="answers-<name>.json files, or folders holding them")
    report.add_argument("-o", "--output", default="summary.html", help="the report to write (default: summary.html)")
    args = parser.parse_args(argv)
    if args.command == "check-data":
        return check_data(args.directory)
    if args.command == "summarize":
        return summarize(args.submissions, args.output)
    return 2  # unreachable: argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
