#!/usr/bin/env python3
"""Writes the third-party notices for the code linked into memsweep's binaries for one target.

Usage: third-party-notices.py TARGET OUTPUT [EXTRA_NOTICE_FILE...]

MIT, BSD, Zlib and Apache licences ask that their copyright and licence text travel with every
copy of the binaries, so the zip, the installer and the .deb carry this file. The crates are the
ones `cargo tree -e normal` links for TARGET into memsweep and memsweep-tray (proc-macros run at
build time only and are left out); each crate's licence files are read from cargo's registry
sources, identical texts printed once with every crate that uses them. The output depends only
on Cargo.lock and the crates' contents: sorted, no dates, so releases stay reproducible.
"""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

LICENSE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|UNLICENSE)", re.IGNORECASE)


def cargo_home() -> Path:
    return Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))


def linked_crates(target: str) -> list[tuple[str, str, str]]:
    """(name, version, licence expression) of every registry crate linked into the binaries."""
    out = subprocess.run(
        ["cargo", "tree", "--locked", "-e", "normal", "--target", target, "-p", "memsweep", "-p", "memsweep-tray",
         "--prefix", "none", "-f", "{p}|{l}"],
        check=True, capture_output=True, text=True,
    ).stdout
    crates = set()
    for line in out.splitlines():
        package, _, licence = line.partition("|")
        if not package.strip():  # the blank line between the two roots
            continue
        if "(proc-macro)" in package or "(/" in package:  # build-time only, or our own crates
            continue
        name, version = package.split()[:2]
        crates.add((name, version.lstrip("v"), licence.replace(" (*)", "").strip()))
    return sorted(crates)


def source_dir(name: str, version: str) -> Path:
    for index in sorted((cargo_home() / "registry" / "src").glob("*")):
        candidate = index / f"{name}-{version}"
        if candidate.is_dir():
            return candidate
    sys.exit(f"third-party-notices: no source for {name} {version} under {cargo_home()}/registry/src (cargo fetch)")


def main() -> None:
    target, output = sys.argv[1], Path(sys.argv[2])
    extra = [Path(p) for p in sys.argv[3:]]
    crates = linked_crates(target)
    texts: dict[str, str] = {}  # digest -> text
    users: dict[str, list[str]] = {}  # digest -> crates using it
    lines = [
        "Third-party software in memsweep",
        "================================",
        "",
        f"memsweep's binaries for {target} contain the Rust standard library (MIT OR Apache-2.0,",
        "https://www.rust-lang.org/policies/licenses) and the following crates, each under the licence",
        "named (where a choice is offered, memsweep uses it under the MIT licence, or the first one",
        "named that is not MIT). Their licence texts follow.",
        "",
    ]
    for name, version, licence in crates:
        lines.append(f"  {name} {version}: {licence or 'licence not declared'}")
        files = sorted(p for p in source_dir(name, version).iterdir() if p.is_file() and LICENSE_FILE.match(p.name))
        if not files:
            # Crates that ship no licence file are named with their expression; the standard
            # text of that licence (below, from another crate, or the SPDX text) applies.
            continue
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").strip() + "\n"
            digest = hashlib.sha256(text.encode()).hexdigest()
            texts[digest] = text
            users.setdefault(digest, []).append(f"{name} {version} ({path.name})")
    lines.append("")
    for digest in sorted(texts, key=lambda d: (sorted(users[d])[0], d)):
        lines += ["-" * 78, "Used by: " + ", ".join(sorted(users[digest])), "", texts[digest]]
    for path in extra:
        lines += ["-" * 78, f"{path}:", "", path.read_text(encoding="utf-8", errors="replace").strip() + "\n"]
    output.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
