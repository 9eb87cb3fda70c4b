"""One check per file, run so that no single file can stop a run: a time limit per file, and
worker processes whose death is noticed, pinned on the file that caused it, and survived.

The limit is :data:`FILE_TIMEOUT` (60) seconds of wall time per file, or ``CCHC_FILE_TIMEOUT`` (a
number of seconds above 0 and at most 1,000,000, decimals allowed) when set; :func:`file_timeout`
reads it once per run, and a value it cannot use is a usage error (exit 2).

* :func:`run_all` checks many files in forked worker processes (``concurrent.futures``, whose
  pool reports a dead worker as ``BrokenProcessPool`` where ``multiprocessing.Pool`` waits
  forever). Results come back in the order of the items, in batches submitted a few at a time.
  A worker arms a kernel timer for each file, whose signal's default action ends the process:
  a file over the limit ends its worker even when stuck in C code holding the GIL. Each worker
  writes in shared memory when it starts and finishes each file, so when the pool breaks the
  files in progress are known exactly: one that has run past the limit timed out; the others
  (the one that killed its worker, and the innocent ones whose workers the pool then ended)
  are each run again alone in a fresh process, which tells which of them dies and how. The
  rest is resubmitted to a fresh pool. Every breakage settles at least one file, so a file that
  kills workers cannot make the run loop.
* :func:`bounded` runs one file in this process (few files, no fork, ``cchc check``) under a
  ``SIGALRM`` timer that raises; see there what it can and cannot stop.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cchc_cli.errors import UsageError
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")

#: seconds a single file may take to check (wall time), unless CCHC_FILE_TIMEOUT says otherwise
FILE_TIMEOUT = 60.0
#: the largest limit accepted: setitimer overflows not far above (a time_t of microseconds)
_MAX_TIMEOUT = 1_000_000.0
#: how long past the limit to wait for a lone process the kernel timer should already have ended
_GRACE = 5.0


class TimedOut(NamedTuple):
    """The file was still being checked when its time limit ran out."""

    limit: float


class Died(NamedTuple):
    """The process checking the file ended without a result (a crash, a kill, an exit)."""

    exitcode: int | None  # as multiprocessing gives it: the exit status, or -N for signal N

    def how(self) -> tuple[str, str]:
        """(Vietnamese, English) of how the process ended: its signal's name or its exit code."""
        code = self.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            # SIGKILL from nobody in cchc is most often the kernel's out-of-memory killer
            oom = (", có thể do hết bộ nhớ", ", perhaps out of memory") if -code == signal.SIGKILL else ("", "")
            return f"tín hiệu {name}{oom[0]}", f"signal {name}{oom[1]}"
        return f"mã thoát {code}", f"exit code {code}"


def file_timeout() -> float:
    """The per-file limit in seconds: ``CCHC_FILE_TIMEOUT`` when set, else :data:`FILE_TIMEOUT`."""
    raw = os.environ.get("CCHC_FILE_TIMEOUT", "").strip()
    if not raw:
        return FILE_TIMEOUT
    try:
        value = float(raw)
    except ValueError:  # a decimal comma ("2,5") too: the hint shows the point
        value = float("nan")
    if not 0 < value <= _MAX_TIMEOUT:  # also refuses nan
        raise UsageError(
            Bilingual(
                f"CCHC_FILE_TIMEOUT={raw!r} không phải là số giây lớn hơn 0 và không quá "
                + f"{_MAX_TIMEOUT:,.0f}".replace(",", "."),
                f"CCHC_FILE_TIMEOUT={raw!r} is not a number of seconds above 0 and at most {_MAX_TIMEOUT:,.0f}",
            ),
            None,
            Bilingual(
                "đặt số giây tối đa để kiểm tra một tệp, ví dụ 60 hoặc 2.5, hoặc bỏ biến này",
                "set it to the seconds one file may take to check, e.g. 60 or 2.5, or unset it",
            ),
        )
    return value


# -- in this process ------------------------------------------------------------------------


class _Expired(BaseException):
    """Raised by the timer's handler; a BaseException so that ``except Exception`` cannot swallow it."""


def bounded(fn: Callable[[], R], limit: float) -> R | TimedOut:
    """``fn()`` in this process, stopped after ``limit`` seconds when that can be done soundly.

    A ``SIGALRM`` handler raises :class:`_Expired` into the running code, as Ctrl-C raises
    KeyboardInterrupt: pure-Python work (and C code that checks for signals, such as ``re``)
    stops at the limit; C code that never returns to the interpreter does not (only a separate
    process can be stopped there, and for a handful of files a process each would cost more than
    the check). The bound is skipped, not forced, where it would not be sound: off the main
    thread (signals are delivered there only), where the platform has no ``setitimer``, while
    another timer is running (ours would replace it), or when the current handler was installed
    outside Python (it could not be put back). The previous handler is always restored.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
        or signal.getsignal(signal.SIGALRM) is None
    ):
        return fn()
    armed = [True]

    def expire(signum: int, frame: Any) -> None:
        # A signal already pending when the timer is disarmed must not raise outside the try.
        if armed[0]:
            armed[0] = False
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            return fn()
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        return TimedOut(limit)
    finally:
        signal.signal(signal.SIGALRM, previous)


# -- in worker processes --------------------------------------------------------------------

#: what the workers inherit when they fork: the function, the items, the shared start times, the
#: limit. Inherited, not pickled, so the function may be any callable (a test's patch included)
#: and only item numbers cross the pipe.
_shared: dict[str, Any] = {}

_NOT_STARTED, _DONE = 0.0, -1.0  # else: the time.monotonic() at which the file was started


def _worker_start() -> None:
    # The kernel ends a worker whose file runs past the limit: SIGALRM's default action needs no
    # interpreter, so it works even in C code that holds the GIL (the parent may have a handler).
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _run_batch(indices: list[int]) -> list[Any]:
    fn, items, started, limit = _shared["fn"], _shared["items"], _shared["started"], _shared["limit"]
    results = []
    for i in indices:
        started[i] = time.monotonic()  # CLOCK_MONOTONIC is system-wide: the parent compares it
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            results.append(fn(items[i]))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        started[i] = _DONE
    return results


def _alone_child(conn: Connection, fn: Callable[[T], R], item: T, limit: float) -> None:
    _worker_start()
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        result = fn(item)
    except Exception as error:  # a bug in cchc: the parent raises it, as the pool would
        signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            conn.send(("error", error))
        except Exception:  # an exception that cannot be pickled still has a text
            conn.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    conn.send(("ok", result))


def _alone(fn: Callable[[T], R], item: T, limit: float) -> R | TimedOut | Died:
    """``fn(item)`` in a process of its own: its result, or how it ended."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_alone_child, args=(writer, fn, item, limit), daemon=True)
    child.start()
    writer.close()  # else the parent's copy keeps the pipe open and a dead child gives no EOF
    answer: tuple[str, Any] | None = None
    try:
        # The child's own timer ends it at the limit; this wait is a backstop.
        if reader.poll(limit + _GRACE):
            try:
                answer = reader.recv()
            except EOFError:  # ended without a word
                pass
        else:
            child.kill()
            child.join()
            return TimedOut(limit)
    finally:
        reader.close()
    child.join()
    if answer is not None:
        kind, value = answer
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]
    if child.exitcode == -signal.SIGALRM:
        return TimedOut(limit)
    return Died(child.exitcode)


def _batches(indices: Iterator[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for i in indices:
        batch.append(i)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_all(fn: Callable[[T], R], items: Sequence[T], *, workers: int, limit: float) -> Iterator[R | TimedOut | Died]:
    """``fn(item)`` for every item, in order, in ``workers`` forked processes (see the module).

    An exception ``fn`` raises (a bug) ends the run, as it would in one process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork")
    total = len(items)
    # Batches amortise the pool's cost per task (~0.4 ms, a third of a file's check) and stay
    # small enough that a broken pool loses little; a few per worker keep every worker busy.
    size = max(1, min(32, total // (workers * 8)))
    depth = workers * 4
    settled: dict[int, R | TimedOut | Died] = {}  # results known out of turn, after a breakage
    position = 0  # the next item to yield
    try:
        while position < total:
            started = ctx.RawArray("d", total)
            _shared.update(fn=fn, items=items, started=started, limit=limit)
            batches = _batches((i for i in range(position, total) if i not in settled), size)
            window: deque[tuple[list[int], Future[list[R]]]] = deque()
            head: list[int] = []
            # When the pool broke, as its manager thread failed the first future: before it ends
            # the workers still running, so every file still in progress then was in progress.
            broke_at: list[float] = []
            pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_start)

            def note(future: Future[Any]) -> None:
                if not broke_at and not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
                    broke_at.append(time.monotonic())

            def fill() -> None:
                for batch in batches:
                    try:
                        future = pool.submit(_run_batch, batch)
                    except BrokenProcessPool:  # seen again, and handled, at the next result
                        return
                    future.add_done_callback(note)
                    window.append((batch, future))
                    if len(window) >= depth:
                        return

            try:
                fill()
                while window:
                    head, future = window.popleft()
                    results = future.result()
                    fill()  # before yielding, so that the workers never wait for the consumer
                    for i, result in zip(head, results):
                        while position < i:  # settled out of turn, so left out of the batches
                            yield settled.pop(position)
                            position += 1
                        yield result
                        position = i + 1
            except BrokenProcessPool:
                # Every worker has ended (the start times are final) and every callback has run.
                pool.shutdown(wait=True)
                for batch, done in window:
                    if done.done() and done.exception() is None:
                        settled.update(zip(batch, done.result()))
                lost = [i for batch in (head, *(b for b, _ in window)) for i in batch if i not in settled]
                # The files in progress when the pool broke. None (a worker died between files):
                # the batch waited for, so that each breakage settles at least one file.
                suspects = [i for i in lost if started[i] > _NOT_STARTED] or [i for i in head if i not in settled]
                for i in suspects:
                    # In progress for the whole limit when the pool broke: it took longer than
                    # the limit (its own timer ended its worker, or was about to). Any other
                    # file is run again alone, as are files killed before their time was up.
                    if started[i] > _NOT_STARTED and broke_at and broke_at[0] - started[i] >= limit:
                        settled[i] = TimedOut(limit)
                    else:
                        settled[i] = _alone(fn, items[i], limit)
            finally:
                # Also when the consumer stops early or fn raised: queued batches are not run.
                pool.shutdown(wait=True, cancel_futures=True)
            while position < total and position in settled:
                yield settled.pop(position)
                position += 1
    finally:
        _shared.clear()  # the items are the caller's: hold no reference after the run
