"""Hostile mutants of the example progress files, and the one oracle that judges a run on them.

Shared by ``tests/test_fuzz.py`` (a few hundred examples, in the suite) and ``benchmarks/fuzz.py``
(the long run): one set of strategies, one set of properties, no copy.

A mutant is one of the files in ``examples/`` changed by a few operations, at one of two levels:

* **text**: a hostile line inserted at a random line, a value replaced by a hostile scalar, a tag
  put before a value, directives in front, another document after, the document wrapped in nesting,
  anchors and aliases, many unknown keys, raw characters (controls, bidi, zero-width, bytes that
  are not UTF-8), line endings and encodings;
* **data**: the example parsed with ruamel's safe loader, its tree changed (a value replaced by a
  hostile one, keys added, values nested deeper, one object shared in many places so that the dump
  has anchors and aliases, a type changed), then dumped again.

The file itself may have a hostile name (a line break and a workflow command, bidi controls, bytes
that are not UTF-8…) and may be reached through a directory argument. Deep nesting that crashes
the interpreter (block ``- `` or ``? `` tens of thousands deep) has its own strategy,
:func:`deep_nesting`, meant to run in a subprocess; the other strategies stay shallow enough to be
run in-process.

The oracle (:func:`judge`) runs ``cchc check`` once per language with every ``--format`` in one
invocation (one format on stdout, the others to files) and lists what is wrong: an exit code other
than 0, 1 or 2, an exception out of the CLI, JSON or JUnit XML that does not parse, a missing
output, and any line of any output or of stderr that a GitHub runner would read as a workflow
command cchc did not mean (``::`` at the start of a line, after leading blanks). Those are
*contract* problems (the test fails on them). *Advisory* problems are reported by the long run
only: legacy ``##[command]`` text anywhere in a line (the runner still obeys it), characters that
hide or reorder text (bidi controls, zero-width, C0/C1 controls) in the one-line contexts
(annotations, stderr), lone surrogates in JSON strings, and a run slower than :data:`SLOW`.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in EXAMPLES]

#: the formats of ``cchc check`` (the registry is the --format choices) and their file suffixes
from cchc_cli.render import FORMATS as _FORMAT_MODULES  # noqa: E402

from conftest import known_env

FORMATS: tuple[str, ...] = tuple(_FORMAT_MODULES)
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "log", "gitlab": "json",
          "markdown": "md", "plain": "txt"}
JSON_FORMATS = ("json", "sarif", "gitlab")
XML_FORMATS = ("junit",)
LANGS = ("vi", "en")
ALLOWED_EXIT = (0, 1, 2)
#: seconds for one in-process run (every format, one language) past which the long run says "slow"
SLOW = 5.0

# -- hostile material ------------------------------------------------------------------------

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B)]
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"]
#: text that, on a line of its own in a CI log, is a workflow command
FORGED = [
    "::error file=forged.yaml,line=1::forged",
    "::warning::forged",
    "::notice title=x::forged",
    "::stop-commands::tok",
    "::add-mask::secret",
    "::group::forged",
    "  ::error::indented",
    "##[error]forged",
    "##[stop-commands]tok",
    "%0A::error::percent",
    "::set-output name=x::y",
]
MARKUP = ["[bold red]markup[/]", "[link=https://example.com]x[/link]", "<script>alert(1)</script>", "]]><x/>",
          "<![CDATA[x]]>", "&amp;&#0;", "| a | b |", "`code`", "*star* _under_", "=HYPERLINK(\"x\")", "@SUM(1)",
          "+1", "-1+1", '"quoted"', "'single'", "\\", "%s%n{0}", "${{ github.token }}", "$(id)"]
VIETNAMESE = ["Sở Nội vụ", "So Noi vu", unicodedata.normalize("NFD", "Sở Nội vụ"), "Quận Hoàn Kiếm",
              "Quý I", "Quý IV", "6 tháng", "Cả năm", "hoà", "hòa", "\u0053\u01a1\u0309 N\u00f4\u0323i vu\u0323"]


def _hostile_strings() -> list[str]:
    out = [*FORGED, *MARKUP, *VIETNAMESE, "", " ", "x" * 2_001, "y" * 100_000, "ạ" * 5_000, "\t", "a\tb"]
    for ch in BIDI + ZERO_WIDTH + CONTROLS + BREAKS:
        out.append(f"a{ch}b")
    for br in BREAKS:
        for forged in FORGED[:4] + FORGED[7:8]:
            out.append(f"text{br}{forged}")
    out += [f"{'word ' * n}::error file=wrapped.yaml::wrapped" for n in (10, 20, 23, 24, 25, 30)]
    out += ["\u202eevil\u202c", "\u2067lrm\u2069", "trojan\u202e source \u2066", "\ud800", "x\udcff", "\ufffe",
            "\uffff", "\U0010ffff", "\U0001f600", "e\u0301" * 50]
    return out


HOSTILE_STRINGS = _hostile_strings()


def dq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character YAML cannot carry raw escaped."""
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0", "\x07": "\\a",
             "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L",
             "\u2029": "\\P", "\xa0": "\\_"}
    parts = []
    for ch in text:
        code = ord(ch)
        if ch in named:
            parts.append(named[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            parts.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            parts.append(ch)
    return '"' + "".join(parts) + '"'


BIG = "9" * 4_301
#: YAML text of a value (after ``key: ``) that is hostile to a loader, a schema or a renderer
HOSTILE_SCALARS: list[str] = [
    # constructor errors and odd tags
    "!!int abc", "!!float 1,5", '!!int ""', "!!set x", "!!omap x", "!!pairs x", "!!bool maybe", "!!int 0x",
    "!!int 0b2", "!!int -", '!!float ""', '!!bool ""', "!!float .", "!!null x", "!!binary '%%%'", "!!binary aGk=",
    "!!timestamp x", "!!timestamp 2021-02-30", "!!str [1]", "!!map x", "!!seq x", "!!int [1, 2]", "!!float {}",
    "!!merge x", "!foo x", "!foo", "!foo [1]", "!!python/object:os.system x", "!!python/object/apply:os.system [id]",
    "!!python/name:os.system ''", "!<tag:yaml.org,2002:int> abc", "!<!> x", "!e!x y", "!!int 1_000",
    "!!float 1e400", "!!int 0o8",
    # numbers
    BIG, "-" + BIG, "0x" + "f" * 3_600, "0o" + "7" * 5_000, "0b" + "1" * 15_000, "9" * 4_300, "1" + "0" * 400 + ".5",
    "1e400", "-1e400", "1e-400", "1e99999999", ".nan", ".NaN", ".inf", "-.Inf", "+.inf", "1_0_0", "0x_1", "+12", "012",
    "0o12", "1:30", "190:20:30", "0.", "1,5", "10%", "-0", "-1", "2147483648", "18446744073709551616", "1e3", "0x1F",
    "3.", ".5", "1__2",
    # nulls, booleans (YAML 1.1 and 1.2 spellings)
    "~", "null", "Null", "yes", "no", "on", "off", "y", "n", "true", "False", "''", '""',
    # dates
    "2021-02-30", "2021-13-01", "9999-12-31", "0001-01-01", "30/02/2021", "10/03/2021", "2021-03-10T25:00:00",
    "2021-03-10 10:00:00 +07:00", "2021-3-1", "20210310",
    # collections, anchors, merges
    "{}", "[]", "[1, [2, [3]]]", "{a: 1, b: [2]}", "[*undefined]", "*undefined", "&a [*a]", "&a {x: *a}", "&a x",
    "{<<: {}}", "{<<: 1}", "{<<: [1]}", "{? [1, 2] : x}", "{[1]: x}", "[a, b, ]", "{a: 1, a: 2}",
    "[" * 70 + "]" * 70, "{a: " * 70 + "1" + "}" * 70,
    # syntax errors
    ": :", "[", "{", "]", "'unclosed", '"unclosed', "a: b: c", "- x", "@reserved", "`reserved", "%directive",
    "|", ">", "|-\n  literal\n  ::error::in a block scalar", ">\n  folded\n\n  ::warning::forged",
    # strings, escaped in a double-quoted scalar
    *(dq(s) for s in HOSTILE_STRINGS),
    # raw strings where a plain scalar can carry them
    "\u202eevil", "zero\u200bwidth", "::error::plain", "##[error]plain", "a # ::error::comment",
]

#: a whole line (before indentation) that may be inserted anywhere in a file
HOSTILE_LINES: list[str] = [
    "<<: {}", "<<: *undefined", "<<: [{a: 1}, 1]", "x: !!bool maybe", "? [1, 2]", "? |\n  multi\n  line key\n: v",
    "? " + dq("key\n::error file=k.yaml::forged") + "\n: 1", dq("k\n::warning::forged") + ": 1", "---", "...",
    "%YAML 1.1", "%YAML 1.3", "\t- tab", "- item", "? x", ": y", "- - - - - x", "[{", "}]", "&a b", "*a", "*a : b",
    "# ::error::in a comment", "#" + "\u202e" * 3, "\ufeffbom: 1", "key with spaces: 1", "'quoted key': 1",
    "1: int key", "~: null key", "true: bool key", ".nan: nan key", "2021-01-01: date key", "[1]: flow key",
    BIG + ": big key", "k" * 5_000 + ": long key", "schema_version: 1", "agency: Sở Nội vụ", "period: FY",
    "as_of: 2021-02-30", "tasks: {}", "indicators: []", "duties: ~", "unknown: {a: {b: {c: 1}}}",
    *(f"{dq(s)}: {dq(s)}" for s in HOSTILE_STRINGS[:40]),
    # a plain scalar may begin with "::"; a library warning that quotes the line puts it on stderr
    "::error file=k.yaml::plain key: 1", "::warning::x: &a 1", "k: &a 1", "- &a x", "::error::forged: *a",
    # complex keys and flow nesting that parsers handle in exponential time
    "? " * 14 + "x", "- ? " * 8 + "x", "x: [" + "? [" * 12 + "]" * 12 + "]", "x: {" + "? {" * 12 + "}" * 12 + "}",
    "x: " + "[{" * 14 + "}]" * 14,
]

#: whole-file inputs from the issue, kept verbatim so that the fuzzer produces each of them
SEEDS: list[str] = [
    "x: !!int abc\n", "x: !!float 1,5\n", 'x: !!int ""\n', "x: !!set x\n", "x: !!omap x\n",
    "%YAML 1.3\n---\nx: 1\n", "x: 1\n...\n%YAML 2.0\n---\ny: 1\n", "<<: {}\nx: !!bool maybe\n",
    f"x: {BIG}\n", f"x: 0x{'f' * 3_600}\n", "x: !foo 1\n", "x: !!python/object:os.system 1\n",
    "x: &a " + dq("z" * 100_000) + "\ny: [" + ", ".join(["*a"] * 1_000) + "]\n", "a: &a 1\nb: &a 2\nc: *a\n",
    "".join(f"unknown_{i}: {i}\n" for i in range(500)),
    "x: " + dq("a\u202eb\u2066c\u200bd\x1be\nf::error::g") + "\n", dq("k\n::error::x") + ": 1\n",
    "[" * 200 + "]" * 200 + "\n", "- " * 200 + "x\n", "? " * 200 + "\n",
]


def _found() -> list[tuple[bytes, bytes]]:
    hoan_kiem = (REPO / "examples" / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8")
    huge_count = re.sub(r"audit_recommendations: \{[^}]*\}",
                        "audit_recommendations: {total: 0x" + "f" * 3_600 + ", handled: 0}", hoan_kiem)
    return [
        (b"m.yaml", b"x: !!int 0b2\n"), (b"m.yaml", b"x: !!int 0x\n"), (b"m.yaml", b'x: !!float ""\n'),
        (b"m.yaml", b"x: 1\n%YAML 1.3\n"),  # KeyError (1, 3) in the resolver, not the AssertionError
        (b"m.yaml", b"? - a: 1\n"), (b"m.yaml", b"x: [? [? []]]\n"),  # unhashable keys, safe loader
        (b"m.yaml", b"? : {}\n"), (b"m.yaml", b"x: [{[{}]}]\nx: 1\n"),  # unhashable keys, round-trip loader
        (b"m.yaml", b": !!int 0x\n"), (b"m.yaml", b": !!float 1,\n"),  # constructor errors, round-trip loader
        (b"m.yaml", huge_count.encode()),  # a count of 4,335 digits reaches the rules
        (b"\xff.yaml", b"x: 1\n"),  # a file name that is not UTF-8, in every output
        (b"m.yaml", b"a: &a 1\n::error::forged: &a 2\n"),  # ruamel's warning quotes the line on stderr
        (b"::error::forged.yaml", b"x: 1\n"),  # the plain format's lines begin with the path
        (b"a\n::error::forged.yaml", b"x: 1\n"),  # a line break in a file name: stderr and text
    ]


#: (file name, bytes) that failed in the long run and are not among SEEDS, smallest found by hand
FOUND: list[tuple[bytes, bytes]] = _found()

DIRECTIVES = ["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 1.3\n---\n", "%YAML 2.0\n---\n", "%YAML 1.2\n%YAML 1.2\n---\n",
              "%YAML 1.x\n---\n", "%YAML\n---\n", "%TAG !e! tag:example.com,2000:\n---\n", "%TAG !! tag:evil:\n---\n",
              "%TAG ! !\n---\n", "%FOO bar\n---\n", "%\n---\n", "---\n", "--- !!map\n", "--- !!seq\n", "--- |\n",
              "--- &a\n", "\ufeff", "\ufeff\ufeff", "#!/bin/sh\n", "---\n...\n"]
SUFFIXES = ["\n---\nx: 1\n", "\n...\n%YAML 2.0\n---\ny: 1\n", "\n...\n%YAML 1.1\n---\n", "\n---\n", "\n...\n",
            "\n--- !!str\n", "\n---\n- 1\n", "\n" + "---\n" * 100, "\n...\n..." , "\n\x00", "\n\ufeff"]
TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!set", "!!omap", "!!pairs", "!!binary",
        "!!timestamp", "!!merge", "!!value", "!!yaml", "!foo", "!", "!<tag:yaml.org,2002:str>", "!e!x",
        "!!python/object:os.system", "!!python/object/apply:os.system", "!!python/tuple", "!!python/str"]

HOSTILE_NAMES: list[bytes] = [
    b"a\n::error file=forged.yaml,line=1::forged.yaml", b"\r::warning::forged.yaml", b"x%0A::error::y.yaml",
    b"  ::notice::lead.yaml", b"##[error]forged.yaml", b"a,b:c=d.yaml", b"%25%0A.yaml", "\u202egnp.yaml".encode(),
    "zero\u200bwidth.yaml".encode(), "r\u2066l\u2069.yaml".encode(), b"\x1b[31mred.yaml", b"bell\x07.yaml",
    b"\x85nel.yaml", "line\u2028sep.yaml".encode(), b"\xff\xfe-latin1-\xe9.yaml", b"\xc3\x28.yaml", b"\xed\xa0\x80.yaml",
    b"x" * 240 + b".yaml", b" leading.yaml", b"trailing .yaml", "Sở Nội vụ.yaml".encode(),
    "S\u01a1\u0309 N\u00f4\u0323i vu\u0323.yaml".encode(), b"[bold red]markup.yaml", b"<script>.yaml", b"]]>.yaml",
    b"|pipe|.yaml", b"`tick`.yaml", b"*star*.yaml", b".hidden.yaml", b"noext", b"a b\tc.yaml", b"=cmd.yaml",
    b"'quote\".yaml",
]


# -- the mutant ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """One input: the file's bytes, its name, whether cchc is given its directory, and how it was made."""

    data: bytes
    name: bytes = b"m.yaml"
    directory: bytes | None = None
    how: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"{self.directory!r}/{self.name!r}" if self.directory else repr(self.name)
        return f"{len(self.data):,} bytes as {where}: {' · '.join(self.how) or 'as generated'}"


def _lines_with_values(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if re.match(r"^\s*[^#\s][^:]*:\s+\S", line)]


@st.composite
def text_mutations(draw: Any, large: bool = False) -> tuple[bytes, tuple[str, ...]]:
    """An example changed at the text level by one to four operations.

    ``large`` adds the costly sizes (20,000 keys, a 500,000-character string aliased 100,000
    times): each takes seconds even when handled well, so only the long run draws them.
    """
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    how: list[str] = []
    raw_ops: list[Any] = []
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert_line", "replace_value", "replace_value", "tag_value", "directive",
                                   "suffix", "wrap", "anchors", "many_keys", "raw_chars", "line_endings",
                                   "seed", "key_newline"]))
        lines = text.split("\n")
        if op == "insert_line":
            at = draw(st.integers(0, len(lines)))
            indent = draw(st.sampled_from([0, 2, 4, 1, 3]))
            fragment = draw(st.sampled_from(HOSTILE_LINES))
            lines[at:at] = [" " * indent + part for part in fragment.split("\n")]
            how.append(f"line {at + 1} inserted: {fragment[:60]!r} (indent {indent})")
        elif op in ("replace_value", "tag_value") and _lines_with_values(lines):
            at = draw(st.sampled_from(_lines_with_values(lines)))
            key, _, value = lines[at].partition(":")
            if op == "replace_value":
                scalar = draw(st.sampled_from(HOSTILE_SCALARS))
                first, *rest = scalar.split("\n")
                lines[at] = f"{key}: {first}"
                indent = " " * (len(key) - len(key.lstrip()) + 2)
                lines[at + 1:at + 1] = [indent + r for r in rest]
                how.append(f"value at line {at + 1} ({key.strip()[:30]!r}) replaced by {scalar[:60]!r}")
            else:
                tag = draw(st.sampled_from(TAGS))
                lines[at] = f"{key}: {tag} {value.strip()}"
                how.append(f"value at line {at + 1} tagged {tag}")
        elif op == "directive":
            prefix = draw(st.sampled_from(DIRECTIVES))
            lines = (prefix + "\n".join(lines)).split("\n")
            how.append(f"prefixed {prefix!r}")
        elif op == "suffix":
            suffix = draw(st.sampled_from(SUFFIXES))
            lines = ("\n".join(lines) + suffix).split("\n")
            how.append(f"suffixed {suffix!r}")
        elif op == "wrap":
            kind = draw(st.sampled_from(["- ", "? ", "key:", "[", "{"]))
            depth = draw(st.integers(1, 200))
            if kind in ("- ", "? "):
                lines = [kind * depth + lines[0]] + [" " * (2 * depth) + line for line in lines[1:]]
            elif kind == "key:":
                depth = min(depth, 100)
                head = [" " * (2 * i) + "k:" for i in range(depth)]
                lines = head + [" " * (2 * depth) + line for line in lines]
            else:
                close = "]" if kind == "[" else "}"
                opener = kind if kind == "[" else "{k: "
                # a flow collection cannot hold block text: an example dumped as flow goes inside
                lines = [opener * depth + draw(st.sampled_from(FLOWS)) + close * depth]
            how.append(f"wrapped {depth} deep in {kind!r}")
        elif op == "anchors":
            length = draw(st.sampled_from([10, 1_000, *((100_000, 500_000) if large else ())]))
            times = draw(st.sampled_from([2, 100, 1_000, *((10_000, 100_000) if large else ())]))
            style = draw(st.sampled_from(["flow", "reuse", "chain", "inline"]))
            if style == "flow":
                lines += [f"zz_anchor: &big {dq('z' * length)}", "zz_aliases: [" + ", ".join(["*big"] * times) + "]"]
            elif style == "reuse":
                lines += ["zz_a: &a 1", "zz_b: &a [2]", "zz_c: *a", "zz_d: &a {x: *a}"]
            elif style == "chain":
                depth = min(times, 300)
                lines += ["zz_0: &a0 [x, x]"] + [f"zz_{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, depth)]
            else:
                candidates = _lines_with_values(lines)
                if candidates:
                    first = draw(st.sampled_from(candidates))
                    k, _, v = lines[first].partition(":")
                    lines[first] = f"{k}: &x {v.strip()}"
                    for later in candidates:
                        if later > first and draw(st.booleans()):
                            k2, _, _ = lines[later].partition(":")
                            lines[later] = f"{k2}: *x"
            how.append(f"anchors: {style}, {length:,} characters aliased {times:,} times")
        elif op == "many_keys":
            count = draw(st.sampled_from([10, 200, *((2_000, 20_000) if large else ())]))
            nested = draw(st.booleans())
            lines += [("tasks_extra:" if nested else "")] + [
                f"{'  ' if nested else ''}unknown_{i}_{'ạ' * (i % 7)}: {i}" for i in range(count)
            ]
            how.append(f"{count:,} unknown keys{' nested' if nested else ''}")
        elif op == "raw_chars":
            joined = "\n".join(lines)
            at = draw(st.integers(0, len(joined)))
            chars = draw(st.sampled_from(BIDI + ZERO_WIDTH + CONTROLS + BREAKS + ["\ufffe", "\U0010ffff", "\x00"]))
            lines = (joined[:at] + chars * draw(st.sampled_from([1, 3])) + joined[at:]).split("\n")
            how.append(f"raw {chars!r} at character {at}")
        elif op == "line_endings":
            raw_ops.append(draw(st.sampled_from(["crlf", "cr", "utf16", "utf16-bom-be", "latin1", "bad-bytes",
                                                 "truncate", "bom"])))
            how.append(f"bytes: {raw_ops[-1]}")
        elif op == "seed":
            seed = draw(st.sampled_from(SEEDS))
            lines = (seed if draw(st.booleans()) else "\n".join(lines) + "\n" + seed).split("\n")
            how.append(f"seed {seed[:60]!r}")
        elif op == "key_newline":
            at = draw(st.integers(0, len(lines)))
            key = draw(st.sampled_from(HOSTILE_STRINGS))
            lines[at:at] = [f"{dq(key)}: {draw(st.sampled_from(HOSTILE_SCALARS[:20] + [dq(key)]))}"]
            how.append(f"key {key[:60]!r} at line {at + 1}")
        text = "\n".join(lines)
    data = _encode(text, raw_ops, draw)
    return data, tuple(how)


def _encode(text: str, raw_ops: list[str], draw: Any) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    for op in raw_ops:
        if op == "crlf":
            data = data.replace(b"\n", b"\r\n")
        elif op == "cr":
            data = data.replace(b"\n", b"\r")
        elif op == "utf16":
            data = data.decode("utf-8", "surrogateescape").encode("utf-16", "surrogatepass")
        elif op == "utf16-bom-be":
            data = b"\xfe\xff" + data.decode("utf-8", "surrogateescape").encode("utf-16-be", "surrogatepass")
        elif op == "latin1":
            data = data.decode("utf-8", "replace").encode("cp1258", "replace")
        elif op == "bad-bytes":
            at = draw(st.integers(0, len(data)))
            bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]))
            data = data[:at] + bad + data[at:]
        elif op == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif op == "bom":
            data = b"\xef\xbb\xbf" + data
    return data


def _flow(text: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = True
    yaml.width = 1 << 30
    out = io.StringIO()
    yaml.dump(YAML(typ="safe").load(text), out)
    return out.getvalue().strip()


FLOWS = [_flow(text) for text in EXAMPLE_TEXTS]


# -- data level --------------------------------------------------------------------------------


class _Huge:
    """A number too long for str(int) (Python refuses over 4,300 digits): dumped as a placeholder."""

    def __init__(self, text: str) -> None:
        self.text = text


@functools.cache
def _hostile_values(depth: int = 0) -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.sampled_from(HOSTILE_STRINGS),
        st.text(max_size=40),
        st.integers(),
        st.sampled_from([0, -1, 1, 2**31, 2**63, 2**64, -(2**63), 10**4_299]),
        st.sampled_from([_Huge("9" * 4_301), _Huge("-" + "9" * 50_000), _Huge("0x" + "f" * 3_600)]),
        st.floats(),
        st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 5e-324, -0.0]),
        st.booleans(),
        st.none(),
        st.dates(),
        st.sampled_from([datetime.date(2021, 2, 28), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)]),
        st.datetimes(),
    )
    if depth >= 2:
        return leaves
    inner = _hostile_values(depth + 1)
    return st.one_of(
        leaves,
        st.lists(inner, max_size=4),
        st.dictionaries(_hostile_keys(), inner, max_size=3),
        st.sampled_from([[], {}, [[]], [{}], list(range(500)), ["2021-01-01"] * 1_000]),
    )


@functools.cache
def _hostile_keys() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(HOSTILE_STRINGS[:80]),
        st.text(max_size=20),
        st.integers(-5, 10**20),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=False),
        st.dates(),
        st.sampled_from(["schema_version", "agency", "period", "as_of", "submitted_on", "indicators", "tasks",
                         "duties", "events", "note", "I.1", "IV.2b", "satisfaction", "surveyed", "status",
                         "completed_on", "evidence", "issued_on", "forms", "online"]),
    )


def _containers(doc: Any) -> list[tuple[Any, ...]]:
    """Paths to every node, each shared object walked once (the "share" operation makes DAGs)."""
    out: list[tuple[Any, ...]] = []
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack and len(out) < 5_000:
        node, path = stack.pop()
        out.append(path)
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((v, path + (k,)) for k, v in items)
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(doc, path[:-1])[path[-1]] = value
    return doc


def _loaded_examples() -> list[Any]:
    from ruamel.yaml import YAML

    return [YAML(typ="safe").load(text) for text in EXAMPLE_TEXTS]


LOADED = _loaded_examples()


@st.composite
def data_mutations(draw: Any) -> tuple[bytes, tuple[str, ...]]:
    """An example parsed, its tree changed by one to four operations, and dumped again."""
    doc = copy.deepcopy(draw(st.sampled_from(LOADED)))
    how: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["replace", "replace", "add_keys", "deepen", "share", "retype", "rename_key"]))
        paths = _containers(doc)
        path = draw(st.sampled_from(paths))
        if op == "replace":
            value = copy.deepcopy(draw(_hostile_values()))  # sampled lists are shared: never mutate them
            doc = _set(doc, path, value)
            how.append(f"{_show(path)} = {_short(value)}")
        elif op == "add_keys":
            mappings = [p for p in paths if isinstance(_get(doc, p), dict)] or [()]
            at = draw(st.sampled_from(mappings))
            target = _get(doc, at)
            if not isinstance(target, dict):
                continue
            count = draw(st.sampled_from([1, 2, 5, 300]))
            for i in range(count):
                key = draw(_hostile_keys()) if i < 5 else f"unknown_{i}"
                try:
                    target[key] = copy.deepcopy(draw(_hostile_values())) if i < 5 else i
                except TypeError:  # an unhashable key
                    continue
            how.append(f"{count} keys added at {_show(at)}")
        elif op == "deepen":
            depth = draw(st.sampled_from([1, 2, 10, 63, 64, 65, 100, 200]))
            value = _get(doc, path)
            as_list = draw(st.booleans())
            for _ in range(depth):
                value = [value] if as_list else {"k": value}
            doc = _set(doc, path, value)
            how.append(f"{_show(path)} nested {depth} deep in {'lists' if as_list else 'mappings'}")
        elif op == "share":
            shared = copy.deepcopy(draw(st.sampled_from([list(range(50)), {"a": ["x" * 1_000] * 10}, ["z" * 10_000]])))
            times = draw(st.sampled_from([2, 10, 1_000]))
            doc = _set(doc, path, [shared] * times)
            how.append(f"{_show(path)} = one object aliased {times} times")
        elif op == "retype":
            value = _get(doc, path)
            if isinstance(value, dict):
                new: Any = list(value.items()) if draw(st.booleans()) else list(value)
            elif isinstance(value, list):
                new = {str(i): v for i, v in enumerate(value)}
            else:
                new = draw(st.sampled_from([[value], {"value": value}, str(value), None]))
            doc = _set(doc, path, new)
            how.append(f"{_show(path)} retyped to {type(new).__name__}")
        elif op == "rename_key" and path and isinstance(_get(doc, path[:-1]), dict):
            parent = _get(doc, path[:-1])
            new_key = draw(st.sampled_from([
                str(path[-1]) + "\u200b", "\u202e" + str(path[-1]), str(path[-1]).upper(), f"{path[-1]}\n::error::k",
                f" {path[-1]}", str(path[-1]).replace("a", "а"),  # Cyrillic a
            ]))
            parent[new_key] = parent.pop(path[-1])
            how.append(f"key {_show(path)} renamed {new_key!r}")
    return _dump(doc, draw), tuple(how)


def _show(path: tuple[Any, ...]) -> str:
    return "/" + "/".join(str(p)[:30] for p in path)


def _short(value: Any) -> str:
    if isinstance(value, _Huge):
        return f"<number of {len(value.text):,} characters>"
    text = repr(value)
    return text[:60] + ("…" if len(text) > 60 else "")


def _dump(doc: Any, draw: Any) -> bytes:
    from ruamel.yaml import YAML

    huge: dict[str, str] = {}
    done: dict[int, Any] = {}

    def swap(value: Any) -> Any:
        # shared objects stay shared (the dumper writes them as anchors and aliases), walked once
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, _Huge):
            token = f"HUGE_NUMBER_{len(huge)}_"
            huge[token] = value.text
            return token
        if isinstance(value, dict):
            mapping: dict[Any, Any] = {}
            done[id(value)] = mapping
            mapping.update((swap(k), swap(v)) for k, v in value.items())
            return mapping
        if isinstance(value, list):
            items: list[Any] = []
            done[id(value)] = items
            items.extend(swap(v) for v in value)
            return items
        return value

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = draw(st.booleans())
    yaml.default_flow_style = draw(st.sampled_from([False, True, None]))
    yaml.width = draw(st.sampled_from([80, 4096]))
    out = io.StringIO()
    try:
        yaml.dump(swap(doc), out)
    except Exception:  # nested past Python's recursion limit, or a value YAML cannot write
        reject()
    text = out.getvalue()
    for token, digits in huge.items():
        text = text.replace(token, digits)
    return text.encode("utf-8", "surrogatepass")


# -- names and the whole mutant ---------------------------------------------------------------


def names() -> st.SearchStrategy[bytes]:
    plain = st.just(b"m.yaml")
    generated = st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=30
    ).map(lambda s: s.encode("utf-8") + b".yaml")
    return st.one_of(plain, plain, st.sampled_from(HOSTILE_NAMES), generated).filter(_usable_name)


def _usable_name(name: bytes) -> bool:
    # a name Linux takes (no "/" or NUL, within NAME_MAX, not "." or ".."), not read as an option
    return b"/" not in name and b"\0" not in name and not name.startswith(b"-") and name not in (b".", b"..") and (
        0 < len(name) <= 255)


@st.composite
def mutants(draw: Any, large: bool = False) -> Mutant:
    """A text- or data-level mutant of an example, under a plain or a hostile name (``large``: see
    :func:`text_mutations`)."""
    data, how = draw(st.one_of(text_mutations(large), data_mutations(), st.sampled_from(SEEDS).map(
        lambda s: (s.encode(), (f"seed {s[:60]!r}",)))))
    name = draw(names())
    directory = draw(st.one_of(st.none(), st.none(), st.just(b"in"), st.sampled_from(HOSTILE_NAMES).map(
        lambda n: n.removesuffix(b".yaml") or b"d")))
    if directory is not None:
        # a directory is walked for *.yaml, hidden files left out
        name = (name.lstrip(b".") or b"m") + (b"" if name.endswith(b".yaml") else b".yaml")
    return Mutant(data=data, name=name, directory=directory, how=how)


#: nesting that crashes ruamel's C composer today (exit 139): run these in a subprocess only
DEEP_KINDS = ["- ", "? ", "[", "{", "[{", "- [", "? [", "!!seq [", "- !!seq ", "&a - ", "{a: ", "- ? ", "? - "]


@st.composite
def deep_nesting(draw: Any) -> Mutant:
    kind = draw(st.sampled_from(DEEP_KINDS))
    depth = draw(st.sampled_from([30_000, 40_000]) | st.integers(1_000, 200_000))
    depth = min(depth, (2 * 1024 * 1024 - 16) // len(kind))  # within the 2 MiB size limit
    if kind == "&a - ":
        body = "".join(f"&a{i} - " for i in range(depth // 4))
    else:
        body = kind * depth
    tail = draw(st.sampled_from(["x", "", "]" * 10, "\n" + "x: 1"]))
    prefix = draw(st.sampled_from(["", "agency: Sở Nội vụ\nx:\n  ", "x: "]))
    return Mutant(data=(prefix + body + tail).encode(), how=(f"{kind!r} x {depth:,}, then {tail[:10]!r}",))


# -- running cchc ----------------------------------------------------------------------------

BASE_ENV = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": None, "CI": None}


@dataclass
class Run:
    """What one ``cchc check`` invocation did: its exit code, streams and output files."""

    lang: str
    stdout_format: str
    code: int | None
    stdout: bytes
    stderr: bytes
    outputs: dict[str, bytes | None]
    exception: BaseException | None = None
    note: str = ""
    #: where an internal error was raised (innermost frame), when the run was in-process
    origin: str = ""
    seconds: float = 0.0


@dataclass
class Problem:
    kind: str  # "exit", "exception", "json", "xml", "missing", "forged", "github" (contract); "advisory:*"
    where: str
    detail: str

    @property
    def contract(self) -> bool:
        return not self.kind.startswith("advisory")

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.detail}"


class Hang(BaseException):
    """Raised by the alarm in an in-process run; a BaseException so that cchc's guard lets it through."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def scratch_dir() -> Path:
    """A fresh directory for runs, in memory when the system has one: cchc fsyncs every output
    file, which on a disk costs more than the check itself."""
    import tempfile

    shm = Path("/dev/shm")
    memory = shm.is_dir() and os.access(shm, os.W_OK)
    return Path(tempfile.mkdtemp(prefix="cchc-fuzz-", dir=shm if memory else None))


def place(mutant: Mutant, folder: Path) -> str:
    """Write the mutant into an empty ``folder``; return the argument that names it (relative)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = os.fsencode(folder)
    if mutant.directory is not None:
        os.makedirs(os.path.join(base, mutant.directory), exist_ok=True)
        with open(os.path.join(base, mutant.directory, mutant.name), "wb") as handle:
            handle.write(mutant.data)
        arg = mutant.directory
    else:
        with open(os.path.join(base, mutant.name), "wb") as handle:
            handle.write(mutant.data)
        arg = mutant.name
    return os.fsdecode(arg if not arg.startswith(b"-") else b"./" + arg)


def format_args(stdout_format: str) -> list[str]:
    args: list[str] = []
    for name in FORMATS:
        args += ["--format", name if name == stdout_format else f"{name}=out/{name}.{SUFFIX[name]}"]
    return args


def _collect(folder: Path, stdout_format: str, stdout: bytes) -> dict[str, bytes | None]:
    outputs: dict[str, bytes | None] = {}
    for name in FORMATS:
        if name == stdout_format:
            outputs[name] = stdout
        else:
            path = folder / "out" / f"{name}.{SUFFIX[name]}"
            outputs[name] = path.read_bytes() if path.is_file() else None
    return outputs


@contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Python warnings written to stderr, every time, as a fresh ``cchc`` process writes them (a
    library warning quotes input lines, and pytest would otherwise keep them to itself)."""
    import warnings

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


def run_in_process(mutant: Mutant, folder: Path, lang: str, stdout_format: str, timeout: float = 20) -> Run:
    """``cchc check`` through Typer's runner, in this process, every format at once."""
    from typer.testing import CliRunner

    from cchc_cli.cli import app

    if folder.exists():
        shutil.rmtree(folder)
    arg = place(mutant, folder)
    summary = folder / "step-summary.md"
    args = ["check", arg, "--lang", lang, *format_args(stdout_format)]
    env = {**BASE_ENV, "GITHUB_STEP_SUMMARY": str(summary)}
    cwd = os.getcwd()
    os.chdir(folder)  # no .cchc.yaml or pyproject.toml of ours is found, and names stay relative
    started = time.perf_counter()
    try:
        with _alarm(timeout), _warnings_to_stderr():
            result = CliRunner().invoke(app, args, env=env)
    except Hang as e:
        return Run(lang, stdout_format, None, b"", b"", {}, exception=e, note=f"hang (> {timeout} s)")
    finally:
        os.chdir(cwd)
    outputs = _collect(folder, stdout_format, result.stdout_bytes)
    outputs["step-summary"] = summary.read_bytes() if summary.is_file() else None
    return Run(lang, stdout_format, result.exit_code, result.stdout_bytes, result.stderr_bytes or b"", outputs,
               exception=result.exception, origin=_origin(result.exception), seconds=time.perf_counter() - started)


def _origin(error: BaseException | None) -> str:
    """``ValueError at ruamel/yaml/constructor.py:445 in construct_yaml_bool``: the error behind
    SystemExit and typer.Exit, and the innermost frame it was raised in."""
    import traceback

    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if type(error).__name__ not in ("SystemExit", "Exit") and error.__traceback__ is not None:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            parts = Path(frame.filename).parts
            short = "/".join(parts[-3:] if "site-packages" in parts else parts[-2:])
            return f"{type(error).__name__} at {short}:{frame.lineno} in {frame.name}"
        error = error.__cause__ or error.__context__
    return ""


def run_subprocess(mutant: Mutant, folder: Path, lang: str, stdout_format: str, timeout: float = 120) -> Run:
    """The same, as a real ``python -m cchc_cli`` process: for inputs that may crash the interpreter."""
    if folder.exists():
        shutil.rmtree(folder)
    arg = place(mutant, folder)
    env = known_env()
    env["GITHUB_STEP_SUMMARY"] = str(folder / "step-summary.md")
    try:
        done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", arg, "--lang", lang, *format_args(stdout_format)],
                              cwd=folder, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        return Run(lang, stdout_format, None, e.stdout or b"", e.stderr or b"", {}, note=f"hang (> {timeout} s)")
    outputs = _collect(folder, stdout_format, done.stdout)
    code = done.returncode if done.returncode >= 0 else 128 - done.returncode  # as a shell shows a signal
    return Run(lang, stdout_format, code, done.stdout, done.stderr, outputs)


# -- the oracle --------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # how the Actions runner splits a log into lines
_GITHUB_OK = re.compile(
    r"::(?:error|warning|notice) (?:file=[^,:\r\n]*(?:,line=[1-9]\d*(?:,col=[1-9]\d*)?)?,)?title=CCHC\d{3} [a-z0-9-]+::[^\r\n]*"
    r"|::notice title=cchc::[^\r\n]*"
    # the last line: the count of files checked, our own labels and numbers only (not a command)
    r"|cchc: (?:files checked|số tệp đã kiểm tra): \d+(?: · [^\r\n:]+: \d+)+"
)
#: commands the runner registers (ActionCommandManager); the legacy ``##[name`` form is found anywhere in a line
_RUNNER_COMMANDS = ("set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
                    "debug", "warning", "error", "notice", "group", "endgroup", "echo", "stop-commands")
_V1 = re.compile(r"##\[(?:" + "|".join(map(re.escape, _RUNNER_COMMANDS)) + r")[\] ;]")
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u2028\u2029]")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


def _head(data: bytes, limit: int = 300) -> str:
    text = data.decode("utf-8", "backslashreplace")
    return text[:limit] + ("…" if len(text) > limit else "")


def judge(run: Run) -> list[Problem]:
    """Everything wrong with one run, contract problems and advisory ones."""
    tag = f"--lang {run.lang}, {run.stdout_format} on stdout"
    problems: list[Problem] = []
    if run.note.startswith("hang"):
        return [Problem("hang", tag, run.note)]
    if run.seconds > SLOW:
        problems.append(Problem("advisory:slow", tag, f"{run.seconds:.1f} s for one run (exit {run.code})"))
    if run.code not in ALLOWED_EXIT:
        origin = f" [{run.origin}]" if run.origin else ""
        problems.append(Problem("exit", tag, f"exit {run.code}{origin}; stderr: {_head(run.stderr)}"))
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        problems.append(Problem("exception", tag, f"{type(run.exception).__name__}: {run.exception}"[:300]))
    elif isinstance(run.exception, SystemExit) and run.exception.code != run.code:
        problems.append(Problem("exception", tag, f"SystemExit({run.exception.code!r}) but exit {run.code}"))
    # After a crash the outputs are whatever was left: only what reached stderr is still judged.
    streams: dict[str, bytes | None] = {**(run.outputs if run.code in ALLOWED_EXIT else {}), "stderr": run.stderr}
    for name, data in streams.items():
        where = f"{name} ({'stdout' if name == run.stdout_format else 'stream' if name == 'stderr' else 'file'}), {tag}"
        if data is None:
            if name in FORMATS and run.code in ALLOWED_EXIT:
                problems.append(Problem("missing", where, "no output written"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(Problem("utf8", where, f"not UTF-8: {e}"))
            text = data.decode("utf-8", "replace")
        if name in JSON_FORMATS:
            try:
                parsed = json.loads(text, parse_constant=_reject_constant)
            except ValueError as e:
                problems.append(Problem("json", where, f"{e}"[:200]))
            else:
                if _lone_surrogate(parsed):
                    problems.append(Problem("advisory:json-surrogate", where, "a string holds a lone surrogate (\\udXXX)"))
        if name in XML_FORMATS:
            try:
                ET.fromstring(data)
            except ET.ParseError as e:
                problems.append(Problem("xml", where, f"{e}"))
        for line in _LINE_BREAK.split(text):
            if name == "github":
                if line and not _GITHUB_OK.fullmatch(line):
                    problems.append(Problem("github", where, f"not an annotation cchc writes: {line[:200]!r}"))
                elif _HIDDEN.search(line):
                    problems.append(Problem("advisory:hidden", where, f"hides or reorders text: {line[:200]!r}"))
            elif line.lstrip().startswith("::"):
                problems.append(Problem("forged", where, f"workflow command from input: {line[:200]!r}"))
            if _V1.search(line):
                problems.append(Problem("advisory:forged-v1", where, f"legacy ##[command] in a line: {line[:200]!r}"))
            if name == "stderr" and _HIDDEN.search(line):
                problems.append(Problem("advisory:hidden", where, f"hides or reorders text: {line[:200]!r}"))
    return problems


def check_all(mutant: Mutant, folder: Path, stdout_format: str, *, subprocess_run: bool = False,
              timeout: float = 20) -> list[Problem]:
    """Run ``mutant`` in both languages (every format each time) and judge both runs."""
    runner = run_subprocess if subprocess_run else run_in_process
    problems: list[Problem] = []
    for lang in LANGS:
        problems += judge(runner(mutant, folder / lang, lang, stdout_format, timeout))
        if any(p.kind == "hang" for p in problems):
            break  # the other language would hang as long
    return problems


def signature(problem: Problem) -> str:
    """A failure class: the kind, where, and the message with its particulars (numbers, quotes) removed."""
    detail = problem.detail
    if problem.kind == "exit":
        # the exit code and where the internal error was raised; else its type and message
        origin = re.search(r"\[([^\]]+ at [^\]]+)\]", detail)
        match = re.search(r"\b([A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt)): ([^\n]*)", detail)
        code = detail.split(";")[0].split(" [")[0]
        if origin:
            return f"exit | {code}: {origin.group(1)}"
        detail = f"{code}: {match.group(1)}: {match.group(2)}" if match else code
    anywhere = problem.kind in ("exit", "exception", "hang", "advisory:slow")
    where = "" if anywhere else problem.where.split(",")[0].split(" (")[0]
    if "AttributeError" not in detail:  # names of attributes are the class; quoted input is not
        detail = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", detail)
    detail = re.sub(r"\d+", "#", detail)
    if problem.kind in ("forged", "github", "advisory:hidden", "advisory:forged-v1", "advisory:slow"):
        detail = ""  # one class per output for these: the lines differ with every input
    return f"{problem.kind} | {where} | {detail[:120]}"


__all__ = [
    "FORMATS", "LANGS", "SEEDS", "FOUND", "HOSTILE_SCALARS", "HOSTILE_LINES", "HOSTILE_NAMES", "Mutant", "Problem", "Run",
    "text_mutations", "data_mutations", "mutants", "deep_nesting", "names", "scratch_dir", "place", "run_in_process",
    "run_subprocess", "judge", "check_all", "signature",
]
