#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The size limits the code keeps (docs/architecture.md), measured: per class in ui/ its public
methods, signals and data members; every .cpp+.h pair in core/, ui/ and app/ over 500 lines; every
function over 60 lines. Reads our own layout (a definition's braces at column 0), not any C++.

    scripts/code-metrics.py [--all]    # --all lists every class, not only those over the limits
Exit status 1 when something is over a limit."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIMITS = {"public": 40, "public+signals": 55, "members": 25, "pair": 500, "function": 60}


def strip_comment(line):
    return re.sub(r"//.*", "", line).rstrip()


def classes(header):
    """(name, public methods, signals, data members) of each class in a header."""
    lines = header.read_text(encoding="utf-8").splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)class (\w+)(?: final)?(?: :[^{;]*)? \{\s*$", lines[i])
        if not m:
            i += 1
            continue
        indent, name = m.group(1), m.group(2)
        section = "private"
        public = signals = members = 0
        depth = 0
        i += 1
        while i < len(lines) and not re.match(rf"^{indent}\}};", lines[i]):
            code = strip_comment(lines[i])
            s = re.match(r"^\s*(public|private|protected|signals|public slots|private slots)\s*:", code)
            if s and depth == 0:
                section = s.group(1)
            elif depth == 0 and code.strip():
                nested = re.match(r"^\s*(struct|class|enum)\b", code)
                decl = code.strip()
                if not nested and "(" in decl and not decl.startswith(("static constexpr", "using", "friend", "Q_")) \
                        and not re.match(r"^[\w:<>,\s*&]+\bm_\w+", decl):
                    if section in ("public", "public slots"):
                        public += 1
                    elif section == "signals":
                        signals += 1
                members += len(re.findall(r"[\s*&]m_\w+\s*(?:[=;{,\[]|$)", " " + decl)) if re.match(
                    r"^[\w:<>,\s*&]+\bm_\w+", decl) else 0
            depth += code.count("{") - code.count("}")
            i += 1
        out.append((name, public, signals, members))
    return out


def long_functions(source, limit):
    """(first line, length, signature) of each function defined at column 0 longer than limit."""
    lines = source.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if line == "{" and i > 0:
            j = i + 1
            while j < len(lines) and lines[j] != "}":
                j += 1
            start = i - 1
            while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith(("}", "//", "#")) \
                    and not lines[start - 1].endswith(";"):
                start -= 1
            length = j - start + 1
            if length > limit:
                found.append((start + 1, length, lines[start].strip()))
    return found


def main():
    show_all = "--all" in sys.argv
    over = 0
    print("class                           public  signals  members")
    for header in sorted((ROOT / "ui").rglob("*.h")):
        for name, public, signals, members in classes(header):
            bad = public > LIMITS["public"] or public + signals > LIMITS["public+signals"] or members > LIMITS["members"]
            over += bad
            if bad or show_all:
                print(f"{name:30} {public:7} {signals:8} {members:8}{'  OVER' if bad else ''}")
    print("\n.cpp+.h pairs over %d lines" % LIMITS["pair"])
    for folder in ("core", "ui", "app"):
        pairs = {}
        for f in (ROOT / folder).rglob("*"):
            if f.suffix in (".cpp", ".h"):
                # main_window_session.cpp belongs to main_window.h's class, but is a pair of its own
                pairs.setdefault(f.with_suffix(""), 0)
                pairs[f.with_suffix("")] += len(f.read_text(encoding="utf-8").splitlines())
        for stem, n in sorted(pairs.items()):
            if n > LIMITS["pair"]:
                over += 1
                print(f"  {stem.relative_to(ROOT)}: {n}")
    print("\nfunctions over %d lines" % LIMITS["function"])
    for folder in ("core", "ui", "app"):
        for f in sorted((ROOT / folder).rglob("*.cpp")):
            for line, length, sig in long_functions(f, LIMITS["function"]):
                over += 1
                print(f"  {f.relative_to(ROOT)}:{line}: {length} lines: {sig[:70]}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
