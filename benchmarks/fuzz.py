"""The long fuzz run: ``tests/test_fuzz.py``'s strategies and oracle, for minutes or hours.

    python benchmarks/fuzz.py [--minutes 15 | --examples N] [--jobs 2] [--seed S] [--out DIR]

Hypothesis generates mutants of the example files (``tests/fuzzing.py``: text- and data-level
mutations, hostile file names, and one example in twenty nested tens of thousands deep) with the
costly sizes the suite leaves out. Each is checked by a worker process, in-process through Typer's
runner, in both languages with every format at once; a worker that dies (SIGSEGV: exit 139 from a
shell) or stops answering (a hang) is recorded and replaced, so nothing stops the run.

It prints progress every 30 s, then how many examples ran, the runs by exit code, and every
distinct failure class (a contract problem, as the test judges, or an advisory one) with how often
it came and the smallest input that showed it. Each class gets a folder under ``--out`` (default
``fuzz-failures/``): ``input.yaml`` (the bytes), ``problems.txt`` and ``reproduce.py``, which
writes the file under its exact name, runs ``python -m cchc_cli check`` as the worker did and
prints the exit codes. Exit status: 1 when a contract failure was found, else 0.

Uses the Python running this script: run it with the interpreter that has cchc and the test
extras (hypothesis) installed.
"""

from __future__ import annotations

import argparse
import collections
import os
import pickle
import queue
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import fuzzing  # noqa: E402  (the shared strategies and oracle, from tests/)

#: a worker's own limit on one run (a pure-Python hang is interrupted there) and the parent's
#: limit on one example (both languages), after which the worker is killed
INNER_TIMEOUT = 10.0
OUTER_TIMEOUT = 2 * INNER_TIMEOUT + 30
#: address space per worker: a run that wants more fails with MemoryError (exit 3), visibly
WORKER_MEMORY = 4 << 30


# -- framing: pickles with a length, over pipes --------------------------------------------------


def _send(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _recv(stream: BinaryIO) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    (size,) = struct.unpack("<Q", head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


# -- the worker ----------------------------------------------------------------------------------


def worker(scratch: Path) -> None:
    """Read (mutant, stdout format) jobs on stdin; answer with the problems found, on the fd that
    was stdout. cchc's own stdout and stderr are Typer's runner's; anything else goes to stderr.
    Runs happen in a folder under ``scratch``, which the parent removes (a crashed worker cannot)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    except (ImportError, ValueError, OSError):
        pass
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    jobs = sys.stdin.buffer
    folder = Path(tempfile.mkdtemp(prefix="worker-", dir=scratch))
    try:
        while True:
            try:
                mutant, stdout_format = _recv(jobs)
            except EOFError:
                return
            started = time.perf_counter()
            runs = []
            try:
                for lang in fuzzing.LANGS:
                    run = fuzzing.run_in_process(mutant, folder / "run", lang, stdout_format, INNER_TIMEOUT)
                    runs.append((lang, run.code if not run.note else "hang", fuzzing.judge(run)))
                    if run.note:
                        break
            except Exception:  # the harness's own bug (cchc's are caught by the runner): not cchc's failure
                import traceback

                _send(answers, ("harness", traceback.format_exc()))
                continue
            _send(answers, (runs, time.perf_counter() - started))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Worker:
    def __init__(self, env: dict[str, str], scratch: Path) -> None:
        self.env = env
        self.scratch = scratch
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(self.scratch)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self.env,
        )

    def ask(self, job: Any, timeout: float) -> tuple[str, Any]:
        """("ok", answer), ("hang", None) or ("died", returncode); restarts the worker when needed."""
        assert self.process is not None and self.process.stdin and self.process.stdout
        try:
            _send(self.process.stdin, job)
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            if not ready:
                self.process.kill()
                self.process.wait()
                self.start()
                return "hang", None
            return "ok", _recv(self.process.stdout)
        except (EOFError, BrokenPipeError, OSError):
            code = self.process.wait()
            self.start()
            return "died", code

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


# -- the record ------------------------------------------------------------------------------------


@dataclass
class FailureClass:
    signature: str
    contract: bool
    count: int = 0
    mutant: fuzzing.Mutant | None = None
    stdout_format: str = ""
    problems: list[str] = field(default_factory=list)
    folder: Path | None = None


class Record:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.lock = threading.Lock()
        self.examples = 0
        self.runs: collections.Counter[str] = collections.Counter()
        self.failing_examples = 0
        self.classes: dict[str, FailureClass] = {}
        self.busy = 0.0

    def add(self, mutant: fuzzing.Mutant, stdout_format: str, outcome: str, answer: Any) -> None:
        problems: list[fuzzing.Problem] = []
        with self.lock:
            self.examples += 1
            if outcome == "ok" and answer[0] == "harness":
                self.runs["harness error (not cchc's)"] += 1
                problems.append(fuzzing.Problem("advisory:harness", "worker", answer[1].strip().splitlines()[-1]))
            elif outcome == "ok":
                runs, seconds = answer
                self.busy += seconds
                for _lang, code, found in runs:
                    self.runs[f"exit {code}" if code != "hang" else "hang (in-process alarm)"] += 1
                    problems += found
            elif outcome == "hang":
                self.runs["hang (worker killed)"] += 1
                problems.append(fuzzing.Problem("hang", "worker", f"no answer within {OUTER_TIMEOUT:.0f} s"))
            else:
                name = _signal_name(answer)
                self.runs[f"worker died: {name}"] += 1
                problems.append(fuzzing.Problem("exit", "worker", f"the interpreter died: {name}"))
            if any(p.contract for p in problems):
                self.failing_examples += 1
            by_signature: dict[str, list[fuzzing.Problem]] = collections.defaultdict(list)
            for p in problems:
                by_signature[fuzzing.signature(p)].append(p)
            for sig, found in by_signature.items():
                known = self.classes.setdefault(sig, FailureClass(sig, found[0].contract))
                known.count += 1
                size = len(mutant.data) + len(mutant.name)
                if known.mutant is None or size < len(known.mutant.data) + len(known.mutant.name):
                    known.mutant, known.stdout_format = mutant, stdout_format
                    known.problems = [str(p) for p in found]
                    self._save(known)

    def _save(self, known: FailureClass) -> None:
        assert known.mutant is not None
        if known.folder is None:
            slug = re.sub(r"[^a-z0-9]+", "-", known.signature.lower()).strip("-")[:60]
            known.folder = self.out / f"{len(self.classes):03d}-{slug}"
        known.folder.mkdir(parents=True, exist_ok=True)
        (known.folder / "input.yaml").write_bytes(known.mutant.data)
        (known.folder / "problems.txt").write_text(
            f"class: {known.signature}\nmutant: {known.mutant.describe()}\n\n" + "\n".join(known.problems) + "\n",
            encoding="utf-8", errors="backslashreplace",
        )
        (known.folder / "reproduce.py").write_text(_reproducer(known.mutant, known.stdout_format), encoding="utf-8")


def _signal_name(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"{name} (exit {128 - code} from a shell)"
    return f"exit {code}"


def _reproducer(mutant: fuzzing.Mutant, stdout_format: str) -> str:
    args = ["check", "ARG", "--lang", "LANG", *fuzzing.format_args(stdout_format)]
    return f'''# Reproduces: {mutant.describe()[:200]!r}
import os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = {mutant.name!r}
DIRECTORY = {mutant.directory!r}
folder = os.fsencode(tempfile.mkdtemp(prefix="cchc-repro-"))
if DIRECTORY:
    os.makedirs(os.path.join(folder, DIRECTORY))
with open(os.path.join(folder, *([DIRECTORY] if DIRECTORY else []), NAME), "wb") as handle:
    handle.write(open(os.path.join(HERE, "input.yaml"), "rb").read())
arg = os.fsdecode(DIRECTORY or NAME)
for lang in ("vi", "en"):
    args = [a.replace("ARG", arg).replace("LANG", lang) for a in {args!r}]
    print("$ cchc", " ".join(repr(a) if not a.isprintable() or " " in a else a for a in args), flush=True)
    done = subprocess.run([sys.executable, "-m", "cchc_cli", *args], cwd=folder)
    print("exit", done.returncode if done.returncode >= 0 else 128 - done.returncode, "\\n", flush=True)
print("outputs in", os.fsdecode(folder))
'''


def _print_progress(record: Record, started: float) -> None:
    minutes = (time.monotonic() - started) / 60
    with record.lock:
        contract = sum(1 for c in record.classes.values() if c.contract)
        runs = ", ".join(f"{k}: {v:,}" for k, v in sorted(record.runs.items()))
        print(f"[{minutes:5.1f} min] {record.examples:,} examples ({record.examples / max(minutes, 1e-9):,.0f}/min); "
              f"runs {runs}; {contract} contract and {len(record.classes) - contract} advisory failure classes",
              flush=True)


def _report(record: Record, started: float, args: argparse.Namespace) -> int:
    minutes = (time.monotonic() - started) / 60
    print()
    print(f"{record.examples:,} examples in {minutes:.1f} min ({args.jobs} workers, seed {args.seed}), "
          f"{record.examples * len(fuzzing.LANGS):,} cchc runs at most (both languages, {len(fuzzing.FORMATS)} formats each)")
    print("runs by outcome:")
    for key, value in sorted(record.runs.items()):
        print(f"  {key:32} {value:>8,}")
    print(f"examples with a contract failure: {record.failing_examples:,}")
    for contract in (True, False):
        chosen = sorted((c for c in record.classes.values() if c.contract == contract), key=lambda c: -c.count)
        print(f"\n{'contract' if contract else 'advisory'} failure classes: {len(chosen)}")
        for known in chosen:
            assert known.mutant is not None
            print(f"  {known.count:>6,} x  {known.signature}")
            print(f"           smallest: {known.mutant.describe()[:150]}")
            print(f"           {known.folder}")
    return 1 if any(c.contract for c in record.classes.values()) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long (default 15)")
    parser.add_argument("--examples", type=int, default=None, help="stop after this many examples")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where reproducers go")
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)  # its scratch folder
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return 0
    if args.minutes is None and args.examples is None:
        args.minutes = 15.0
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "little")

    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    args.out.mkdir(parents=True, exist_ok=True)
    cache = tempfile.mkdtemp(prefix="cchc-fuzz-cache-")
    env = {**os.environ, "CCHC_CACHE_DIR": cache, "PYTHONWARNINGS": "always"}
    scratch = fuzzing.scratch_dir()
    workers = [Worker(env, scratch) for _ in range(args.jobs)]
    jobs: queue.Queue[Any] = queue.Queue(maxsize=2 * args.jobs)
    record = Record(args.out)
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes is not None else float("inf")

    def serve(w: Worker) -> None:
        while True:
            job = jobs.get()
            if job is None:
                return
            outcome, answer = w.ask(job, OUTER_TIMEOUT)
            record.add(job[0], job[1], outcome, answer)

    threads = [threading.Thread(target=serve, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()

    class Enough(Exception):
        pass

    last = [time.monotonic()]
    # one example in twenty nests tens of thousands deep (the segfault class); the rest mutate
    examples = st.integers(0, 19).flatmap(lambda i: fuzzing.deep_nesting() if i == 0 else fuzzing.mutants(large=True))

    def generator(seed: int) -> Any:
        # quiet: the way out is an exception, and Hypothesis would print the (megabyte) example it came with
        @hypothesis_seed(seed)
        @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
        @given(mutant=examples, stdout_format=st.sampled_from(fuzzing.FORMATS))
        def generate(mutant: fuzzing.Mutant, stdout_format: str) -> None:
            now = time.monotonic()
            if now >= deadline or (args.examples is not None and sent[0] >= args.examples):
                raise Enough
            if now - last[0] >= 30:
                last[0] = now
                _print_progress(record, started)
            jobs.put((mutant, stdout_format))
            sent[0] += 1

        return generate

    sent = [0]
    print(f"fuzzing with {args.jobs} workers, seed {args.seed}; reproducers in {args.out}/", flush=True)
    try:
        seed = args.seed
        while True:
            try:
                generator(seed)()
            except Enough:
                break
            except Exception as e:  # a bug in a strategy must not end a long run: say so, go on
                print(f"generation failed ({type(e).__name__}: {str(e)[:200]}); going on with seed {seed + 1}",
                      flush=True)
            seed += 1  # (or Hypothesis ran out of new examples for this seed)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        for _ in threads:
            jobs.put(None)
        for thread in threads:
            thread.join(timeout=OUTER_TIMEOUT + 5)
        for w in workers:
            w.stop()
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    return _report(record, started, args)


if __name__ == "__main__":
    sys.exit(main())
