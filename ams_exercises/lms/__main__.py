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
        default=None,
        help="share of the final assessment's points (0-100) that counts as passed; default: "
        "its pass mark in the built book (ams_exercises_pass_mark in _config.yml)",
    )
    args = parser.parse_args(argv)
    if args.mastery is not None and not 0 <= args.mastery <= 100:
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
