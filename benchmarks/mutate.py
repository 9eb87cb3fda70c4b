"""Mutation testing of the judging code: does a change of behaviour fail a test?

    python benchmarks/mutate.py                      # every module, --jobs = cores
    python benchmarks/mutate.py --module rules.targets --limit 20
    python benchmarks/mutate.py --list --module dates

Stdlib only. Each mutant is one small change of one module, made on its syntax tree and written
back as a change of that node's source text only (so the diff is one line or a few): a comparison
swapped (``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``, ``is`` ↔ ``is not``),
arithmetic (``+`` ↔ ``-``, ``*`` → ``/``, ``/`` → ``*``, ``//`` → ``/``), a constant (an integer
``n`` → ``n+1`` and ``n-1``, which covers indexes and slice bounds; ``True`` ↔ ``False``; a
non-empty string → ``""``), ``and`` ↔ ``or``, ``not x`` → ``x``, ``return x`` → ``return None``,
and a call statement (``findings.append(…)``) deleted. Not mutated: docstrings, annotations,
asserts, f-strings and the text arguments of ``found``/``Bilingual``/errors (message wording is
pinned by the golden files and the message tests, not by what a rule decides).

Every mutant runs in a private copy of the checkout (one per job), never in place, so no other
run (an editor, another engineer's tests) ever imports a mutant. It runs the tests of its module
(``TESTS`` below) with ``pytest -x -q -p no:cacheprovider`` and a time limit; a failing test kills
it, a time-out counts apart. Mutants listed in ``equivalent_mutants.toml`` (same module, same
source line, same operator) change no behaviour: they are shown, but left out of the score.

Deterministic: the same source gives the same mutants, in the same order, with the same ids.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cchc_cli"
EQUIVALENT_FILE = Path(__file__).with_name("equivalent_mutants.toml")

#: module -> (file under src/cchc_cli, functions to mutate or None for all, test files: the
#: quickest to fail first, since -x stops at the first failure). ``rules/__init__.py`` is not here:
#: it is the catalogue (ids, slugs, wording), data that test_registry and the golden files pin.
MODULES: dict[str, tuple[str, tuple[str, ...] | None, tuple[str, ...]]] = {
    "rules.targets": ("rules/targets.py", None, ("test_pinned_locations.py", "test_pinned_targets.py", "test_rules.py")),
    # RECURRING_TASK_DUE also sets the calendar's series: test_plan_calendar pins that use of it.
    "rules.tasks": ("rules/tasks.py", None, ("test_pinned_locations.py", "test_pinned_tasks.py", "test_rules.py", "test_plan_calendar.py")),
    "rules.duties": ("rules/duties.py", None, ("test_pinned_duties.py", "test_rules.py")),
    "rules.base": ("rules/base.py", None,
                   ("test_pinned_tasks.py", "test_pinned_duties.py", "test_rules.py", "test_plan_calendar.py")),
    "rules.inputs": ("rules/inputs.py", None, ("test_pinned_locations.py", "test_pinned_inputs.py", "test_rules.py")),
    # CCHC014: the applicability it answers from the plan alone is kept equal to the other families'
    # rows for every agency by test_rule_catalogue.
    "rules.coverage": ("rules/coverage.py", None, ("test_pinned_inputs.py", "test_rules.py", "test_rule_catalogue.py")),
    # CCHC501: an expired waiver, raised through the configuration (test_ci_config).
    "rules.config": ("rules/config.py", None, ("test_pinned_inputs.py", "test_ci_config.py", "test_formats.py")),
    "rules.reporting": ("rules/reporting.py", None, ("test_pinned_locations.py", "test_rules.py")),
    "dates": ("dates.py", None, ("test_pinned_dates.py", "test_dates.py", "test_parse_messages.py")),
    "deadline": ("models/deadline.py", None, ("test_pinned_dates.py", "test_dates.py")),
    "numbers": ("numbers.py", None, ("test_pinned_numbers.py", "test_numbers.py")),
    # test_ci_config holds the waivers (apply_waivers); test_pinned_inputs the --period choice.
    "engine": ("engine.py", None, ("test_pinned_inputs.py", "test_rules.py", "test_pinned_targets.py",
                                   "test_ci_config.py", "test_check_cli.py")),
    # The roll-up's arithmetic only: counting, scoring, ranking, the city's rates and statuses.
    "summary": ("summary.py", ("compact", "score", "roll_up", "ranked", "status"),
                ("test_pinned_summary.py", "test_summary.py")),
}

#: Calls whose string arguments are wording, not behaviour: the positions and keywords that are
#: wording, or None for every argument. ``draft(RULE, subject, path, vi, en, hint)``: the subject and
#: the data path (where the finding is placed) are behaviour, the two messages and the hint are not.
#: ``RuleMeta(...)`` is the catalogue (ids, slugs, titles), data that test_rule_catalogue,
#: test_registry and the golden files pin, as for ``rules/__init__.py``.
_WORDING_CALLS: dict[str, tuple[tuple[int, ...], tuple[str, ...]] | None] = {
    "found": None, "Bilingual": None, "SaidError": None, "DateRefused": None, "ValueError": None, "DatasetError": None, "UsageError": None, "t": None,
    "RuleMeta": None, "draft": ((3, 4, 5), ("vi", "en", "hint")),
}

_CMP_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BIN_SWAP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
}
_SYMBOL = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
}


@dataclass(frozen=True)
class Mutant:
    module: str
    index: int
    line: int  # 1-based, where the change starts
    operator: str  # e.g. "> -> >=", "42 -> 43", "delete call"
    start: int  # character offsets of the replaced source text
    end: int
    replacement: str

    @property
    def name(self) -> str:
        return f"{self.module}#{self.index}"

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end :]


def _offsets(source: str) -> list[int]:
    """The character offset of each line's start (ast columns are UTF-8 byte offsets: converted)."""
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    return starts


def _char(source_lines: list[str], starts: list[int], line: int, byte_col: int) -> int:
    text = source_lines[line - 1].encode("utf-8")[:byte_col].decode("utf-8")
    return starts[line - 1] + len(text)


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Nodes whose subtrees are not behaviour: docstrings, annotations, asserts, f-strings, wording."""
    skip: set[int] = set()

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                drop(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            drop(node.returns)
            for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs,
                        node.args.vararg, node.args.kwarg]:
                if arg is not None:
                    drop(arg.annotation)
        if isinstance(node, ast.AnnAssign):
            drop(node.annotation)
        if isinstance(node, (ast.Assert, ast.JoinedStr, ast.Import, ast.ImportFrom)):
            drop(node)
        if isinstance(node, ast.Call):
            fn = node.func
            called = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
            if called in _WORDING_CALLS:
                wording = _WORDING_CALLS[called]
                values = [*node.args, *(k.value for k in node.keywords)] if wording is None else [
                    *(a for i, a in enumerate(node.args) if i in wording[0]),
                    *(k.value for k in node.keywords if k.arg in wording[1])]
                for value in values:
                    for sub in ast.walk(value):
                        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                            skip.add(id(sub))
    return skip


def _text(node: ast.BinOp) -> bool:
    """Text joined with ``+``: ``-`` there is a TypeError on the first run, not a mutant worth a run."""
    return any(isinstance(side, ast.JoinedStr) or (isinstance(side, ast.Constant) and isinstance(side.value, str))
               for side in (node.left, node.right))


def _inside(tree: ast.Module, wanted: tuple[str, ...] | None) -> set[int] | None:
    if wanted is None:
        return None
    keep: set[int] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in wanted:
            keep.update(id(n) for n in ast.walk(node))
    return keep


def mutants(module: str) -> list[Mutant]:
    rel, functions, _ = MODULES[module]
    source = (SRC / rel).read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    starts = _offsets(source)
    skip = _skipped_nodes(tree)
    only = _inside(tree, functions)
    found: list[tuple[int, int, str, int, int, str]] = []

    def span(node: ast.expr | ast.stmt) -> tuple[int, int]:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return (_char(lines, starts, node.lineno, node.col_offset),
                _char(lines, starts, node.end_lineno, node.end_col_offset))

    def add(node: ast.expr | ast.stmt, operator: str, replacement: str) -> None:
        a, b = span(node)
        found.append((node.lineno, node.col_offset, operator, a, b, replacement))

    def swapped(node: ast.AST, **changes: object) -> str:
        clone = ast.parse(ast.unparse(node), mode="eval").body  # a deep copy that unparse can print
        for key, value in changes.items():
            setattr(clone, key, value)
        return "(" + ast.unparse(clone) + ")"

    for node in ast.walk(tree):
        if id(node) in skip or (only is not None and id(node) not in only):
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                new = _CMP_SWAP.get(type(op))
                if new is not None:
                    ops = [type(o)() for o in node.ops]
                    ops[i] = new()
                    add(node, f"{_SYMBOL[type(op)]} -> {_SYMBOL[new]}", swapped(node, ops=ops))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BIN_SWAP and not _text(node):
            new_op = _BIN_SWAP[type(node.op)]
            add(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new_op]}", swapped(node, op=new_op()))
        elif isinstance(node, ast.AugAssign) and type(node.op) in _BIN_SWAP:
            new_op = _BIN_SWAP[type(node.op)]
            target = ast.unparse(node.target)
            add(node, f"{_SYMBOL[type(node.op)]}= -> {_SYMBOL[new_op]}=",
                f"{target} {_SYMBOL[new_op]}= {ast.unparse(node.value)}")
        elif isinstance(node, ast.BoolOp):
            new_bool = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            name = "and -> or" if isinstance(node.op, ast.And) else "or -> and"
            add(node, name, swapped(node, op=new_bool))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add(node, "not removed", "(" + ast.unparse(node.operand) + ")")
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                add(node, f"{value} -> {not value}", str(not value))
            elif isinstance(value, int):
                add(node, f"{value} -> {value + 1}", f"({value + 1})")
                add(node, f"{value} -> {value - 1}", f"({value - 1})")
            elif isinstance(value, str) and value:
                add(node, f"{value!r} -> ''", "''")
        elif isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                add(node, "return None", "return None")
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            add(node, "delete call", "pass")

    found.sort()
    out = []
    for index, (line, _col, operator, a, b, replacement) in enumerate(found, 1):
        candidate = source[:a] + replacement + source[b:]
        try:  # a replacement that does not parse (a constant in a decorator, say) is no mutant
            ast.parse(candidate)
        except SyntaxError:
            continue
        out.append(Mutant(module, index, line, operator, a, b, replacement))
    return out


def diff(mutant: Mutant) -> str:
    rel = MODULES[mutant.module][0]
    source = (SRC / rel).read_text(encoding="utf-8")
    changed = mutant.apply(source)
    lines = difflib.unified_diff(source.splitlines(), changed.splitlines(), f"a/src/cchc_cli/{rel}",
                                 f"b/src/cchc_cli/{rel}", n=0, lineterm="")
    return "\n".join(lines)


def source_line(mutant: Mutant) -> str:
    rel = MODULES[mutant.module][0]
    return (SRC / rel).read_text(encoding="utf-8").splitlines()[mutant.line - 1].strip()


def equivalents() -> dict[tuple[str, str, str], str]:
    """(module, stripped source line, operator) -> why the mutant changes no behaviour."""
    if not EQUIVALENT_FILE.is_file():
        return {}
    data = tomllib.loads(EQUIVALENT_FILE.read_text(encoding="utf-8"))
    return {(e["module"], e["line"].strip(), e["operator"]): e["why"] for e in data.get("mutant", [])}


def stale_equivalents(modules: list[str]) -> list[tuple[str, str, str]]:
    """Entries of ``equivalent_mutants.toml`` for ``modules`` that name no mutant of today's source.

    A line that changed or moved to another module no longer matches, so its mutants count again;
    the stale entry is reported, to be re-anchored on the new line or dropped, not kept silently.
    """
    current: set[tuple[str, str, str]] = set()
    for module in modules:
        lines = (SRC / MODULES[module][0]).read_text(encoding="utf-8").splitlines()
        current.update((m.module, lines[m.line - 1].strip(), m.operator) for m in mutants(module))
    return sorted(key for key in equivalents()
                  if (key[0] in modules or key[0] not in MODULES) and key not in current)


def _warn_stale(modules: list[str]) -> int:
    stale = stale_equivalents(modules)
    for module, line, operator in stale:
        print(f"stale entry in {EQUIVALENT_FILE.name}: {module} [{operator}] {line!r} matches no mutant",
              file=sys.stderr)
    return len(stale)


def _spread(items: list[Mutant], limit: int | None) -> list[Mutant]:
    """``limit`` mutants evenly spread over the module (deterministic), for a quick look."""
    if limit is None or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


# -- running ---------------------------------------------------------------------------------


def _copy_tree(dest: Path) -> Path:
    """A private copy of the checkout (sources, tests, data, README: what the tests read)."""
    repo = dest / "repo"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", "*.egg-info")
    shutil.copytree(ROOT, repo, ignore=ignore, symlinks=True)
    shared = ROOT.parent / "shared"  # the tests read the decision's text beside the checkout
    if shared.is_dir():
        (dest / "shared").symlink_to(shared)
    return repo


def _run_tests(repo: Path, tests: tuple[str, ...], timeout: float, cache: Path) -> str:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(repo / "src"), PYTHONDONTWRITEBYTECODE="1", CCHC_CACHE_DIR=str(cache))
    present = [f"tests/{t}" for t in tests if (repo / "tests" / t).is_file()]
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-n", "0", *present]
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    _running.add(proc)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        return "timeout"
    finally:
        _running.discard(proc)
    return "survived" if code == 0 else "killed"


#: the test runs under way, stopped with the run (each is a session of its own, tests and all)
_running: set[subprocess.Popen[bytes]] = set()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run(selected: list[Mutant], jobs: int, timeout: float | None) -> dict[Mutant, str]:
    work = Path(tempfile.mkdtemp(prefix="cchc-mutate-"))
    slots: Queue[tuple[Path, Path]] = Queue()
    try:
        for n in range(jobs):
            slot = work / f"slot{n}"
            slot.mkdir()
            slots.put((_copy_tree(slot), slot / "cache"))
        limits: dict[str, float] = {}
        for module in sorted({m.module for m in selected}):
            repo, cache = slots.get()
            began = time.monotonic()
            if _run_tests(repo, MODULES[module][2], 900, cache) != "survived":
                raise SystemExit(f"the tests of {module} fail without any mutant: fix them first")
            took = time.monotonic() - began
            limits[module] = timeout or max(30.0, 3 * took)
            print(f"{module}: tests pass unmutated in {took:.1f}s; time limit {limits[module]:.0f}s", flush=True)
            slots.put((repo, cache))

        def one(mutant: Mutant) -> str:
            repo, cache = slots.get()
            target = repo / "src" / "cchc_cli" / MODULES[mutant.module][0]
            original = target.read_text(encoding="utf-8")
            try:
                target.write_text(mutant.apply(original), encoding="utf-8")
                return _run_tests(repo, MODULES[mutant.module][2], limits[mutant.module], cache)
            finally:
                target.write_text(original, encoding="utf-8")
                slots.put((repo, cache))

        results: dict[Mutant, str] = {}
        pool = ThreadPoolExecutor(jobs)
        try:
            futures = {pool.submit(one, m): m for m in selected}
            for done, future in enumerate(as_completed(futures), 1):
                mutant = futures[future]
                results[mutant] = future.result()
                print(f"[{done}/{len(selected)}] {mutant.name} {results[mutant]}", file=sys.stderr, flush=True)
        except BaseException:  # stopped (SIGTERM, Ctrl-C): no mutant left to start, none left running
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in list(_running):
                _stop(proc)
            raise
        pool.shutdown()
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict[Mutant, str], known: dict[tuple[str, str, str], str]) -> int:
    by_module: dict[str, list[Mutant]] = {}
    for mutant in sorted(results, key=lambda m: (m.module, m.index)):
        by_module.setdefault(mutant.module, []).append(mutant)
    print(f"\n{'module':<16} {'mutants':>7} {'killed':>6} {'survived':>8} {'timeout':>7} {'equiv.':>6} {'score':>14}")
    short = []
    for module, items in by_module.items():
        counts = {"killed": 0, "survived": 0, "timeout": 0, "equivalent": 0}
        for m in items:
            equivalent = (m.module, source_line(m), m.operator) in known
            outcome = results[m]
            if equivalent and outcome != "killed":
                counts["equivalent"] += 1
            else:
                counts[outcome] += 1
        # A time-out is a change the tests noticed (an endless loop), as mutation tools count it.
        judged = counts["killed"] + counts["survived"] + counts["timeout"]
        score = (counts["killed"] + counts["timeout"]) / judged if judged else 1.0
        if score < 0.9:
            short.append(module)
        print(f"{module:<16} {len(items):>7} {counts['killed']:>6} {counts['survived']:>8} {counts['timeout']:>7} "
              f"{counts['equivalent']:>6} {counts['killed'] + counts['timeout']:>4}/{judged:<4} {score:>4.0%}")
    survivors = [m for m in results if results[m] == "survived" and (m.module, source_line(m), m.operator) not in known]
    if survivors:
        print("\nSurvivors (a change of behaviour no test noticed):")
        for m in sorted(survivors, key=lambda m: (m.module, m.index)):
            print(f"\n{m.name} src/cchc_cli/{MODULES[m.module][0]}:{m.line}  [{m.operator}]\n{diff(m)}")
    return 1 if short else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--module", action="append", choices=sorted(MODULES),
                        help="only this module (repeatable); default: all")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--limit", type=int, help="at most this many mutants a module, evenly spread")
    parser.add_argument("--mutant", action="append", metavar="NAME",
                        help="only this mutant, as listed (e.g. numbers#44; repeatable): to check a fix")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants run at once (default: cores)")
    parser.add_argument("--timeout", type=float, help="seconds a mutant's tests may take (default: 3x unmutated)")
    args = parser.parse_args(argv)
    modules = args.module or list(MODULES)
    if args.mutant:
        modules = sorted({name.split("#")[0] for name in args.mutant} & set(MODULES))
    selected = [m for module in modules for m in _spread(mutants(module), args.limit)]
    if args.mutant:
        selected = [m for m in selected if m.name in args.mutant]
    if args.list:
        known = equivalents()
        for m in selected:
            mark = "  (equivalent)" if (m.module, source_line(m), m.operator) in known else ""
            print(f"{m.name:<20} {MODULES[m.module][0]}:{m.line:<5} {m.operator}{mark}")
        print(f"{len(selected)} mutants", file=sys.stderr)
        return 1 if _warn_stale(modules) else 0
    # A run stopped with SIGTERM still removes its copies of the checkout.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.monotonic()
    results = run(selected, max(1, args.jobs), args.timeout)
    # Read after the run, so that a mutant found equivalent while it ran is scored as such.
    code = report(results, equivalents())
    if _warn_stale(modules):
        code = 1
    print(f"\n{len(selected)} mutants in {time.monotonic() - began:.0f}s with {args.jobs} jobs")
    return code


if __name__ == "__main__":
    sys.exit(main())
