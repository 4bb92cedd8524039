"""``python -m ams_exercises.lms``: write the SCORM zips of the built book (``make scorm``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .package import build_packages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ams_exercises.lms",
        description="Write SCORM 1.2 and 2004 packages of the built course book.",
    )
    parser.add_argument("--html", type=Path, default=Path("_build/html"), help="the built book")
    parser.add_argument("--out", type=Path, default=Path("_build/scorm"), help="where to write")
    parser.add_argument(
        "--mastery",
        type=int,
        default=100,
        help="share of the points (0-100) that counts as passed; default 100: every check",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.mastery <= 100:
        print(f"error: --mastery {args.mastery} is not between 0 and 100", file=sys.stderr)
        return 2
    try:
        for path in build_packages(args.html, args.out, mastery=args.mastery):
            print(path)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
