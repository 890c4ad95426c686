"""Command line: ``python -m usrussia check-data [DIR]`` (and more commands as the course grows)."""
from __future__ import annotations

import argparse
import sys

from . import data


def check_data(directory: str | None) -> int:
    """Validate every table in ``directory``; print each problem or a one-line summary."""
    problems = data.validate(directory)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    course = data.load(directory)
    counts = ", ".join(f"{len(getattr(course, name))} {name}" for name in data.TABLES)
    print(f"data OK: {counts}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m usrussia", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-data", help="validate the data tables and the references between them")
    check.add_argument("directory", nargs="?", default=None, help="folder with the CSV files (default: the course's data/)")
    args = parser.parse_args(argv)
    if args.command == "check-data":
        return check_data(args.directory)
    return 2  # unreachable: argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
