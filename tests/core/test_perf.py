"""The window first: workers wait at their pauses while the window's thread does a burst of work."""

import os
import threading
import time

import pytest

from ogsm_desktop.core import perf
from ogsm_desktop.core.storage import Plan, connection


class _Worker(threading.Thread):
    """Counts its pauses, as a worker judging node after node does."""

    def __init__(self):
        super().__init__(daemon=True)
        self.count = 0
        self.ending = False

    def run(self):
        while not self.ending:
            perf.let_window_first()
            self.count += 1

    def counted(self, seconds: float = 0.2) -> int:
        """How many pauses it passed in ``seconds``."""
        before = self.count
        time.sleep(seconds)
        return self.count - before


def test_a_worker_waits_while_the_window_asks_and_goes_on_after():
    worker = _Worker()
    worker.start()
    try:
        assert worker.counted() > 0
        with perf.workers_wait():
            time.sleep(0.05)                  # (it reaches its pause)
            assert worker.counted() == 0
            perf.let_window_first()           # the window's own thread is never held
            with perf.workers_wait():         # asked again inside: still held after the inner block
                pass
            assert worker.counted() == 0
            with perf.workers_go():           # the window waits for a worker: they go on meanwhile
                assert worker.counted() > 0
            time.sleep(0.05)
            assert worker.counted() == 0
        assert worker.counted() > 0
    finally:
        worker.ending = True
        worker.join(5)


def test_a_worker_waits_at_most_hold_at_most(monkeypatch):
    monkeypatch.setattr(perf, "HOLD_AT_MOST", 0.05)
    worker = _Worker()
    worker.start()
    try:
        with perf.workers_wait():
            time.sleep(0.05)
            assert 0 < worker.counted(0.5) < 50       # a pass every 0.05 s
    finally:
        worker.ending = True
        worker.join(5)


def test_a_readers_statement_pauses_for_the_window(tmp_path):
    """A statement of a read-only connection (the workers') waits while the window asks, then ends right."""
    path = tmp_path / "plan.ogsm"
    Plan.create(path).close()
    conn = connection.connect_readonly(path)
    sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c"
    found, ended = [], []

    def read():
        found.append(conn.execute(sql).fetchone()[0])
        ended.append(time.perf_counter())

    try:
        with perf.workers_wait():
            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            time.sleep(0.3)                   # unheld, it takes some 20 ms
            released = time.perf_counter()
        reader.join(5)
        assert found == [100000] and ended[0] > released
    finally:
        conn.close()


@pytest.mark.parametrize("written", [1, 400])
def test_a_batch_written_while_the_workers_are_held_does_not_wait_for_them(tmp_path, monkeypatch, written):
    """A reader held at its pause keeps the plan file's shared lock, which a write needs to itself at its
    commit, and before when its pages spill from SQLite's cache (found by a review: 400 nodes written with a
    small cache). Held, an edit waited 5 s and was refused as "another program is writing"; a big one waited
    5 s at each of the reader's pauses (210 s here). The batch lets the workers on."""
    monkeypatch.setattr(perf, "HOLD_AT_MOST", 30.0)
    path = tmp_path / "plan.ogsm"
    with Plan.create(path) as plan, plan.batch("edit", "nodes to read"):
        for i in range(600):
            plan.nodes.add(None, "objective", title=f"objective {i}")
    conn = connection.connect_readonly(path)
    found = []

    def read():
        found.append(conn.execute("SELECT count(*) FROM nodes a, nodes b").fetchone()[0])

    reader = threading.Thread(target=read, daemon=True)
    try:
        with Plan.open(path) as plan, perf.workers_wait():
            plan.conn.execute("PRAGMA cache_size=20")        # (a big edit: more than 2 MB of pages written)
            reader.start()
            time.sleep(0.2)                   # held at a pause, in the middle of its statement
            assert found == []
            began = time.perf_counter()
            with plan.batch("edit", "held"):
                for i in range(written):
                    plan.nodes.add(None, "objective", title=f"grow {i} " + "x" * 500)
            assert time.perf_counter() - began < connection.BUSY_MS / 2000
            assert len(plan.nodes.tree().nodes) == 600 + written
        reader.join(5)
        assert found == [600 * 600]           # the read, held again after the commit, ends right
    finally:
        reader.join(40)                       # (closed under a statement running, the connection crashes)
        conn.close()


def test_only_the_thread_holding_the_workers_lets_them_on():
    """A worker's own commit lets nobody on: the hold is the window's (lifted from another thread, the
    window's end of its hold found it gone)."""
    worker = _Worker()
    worker.start()
    try:
        with perf.workers_wait():
            time.sleep(0.05)
            other = threading.Thread(target=lambda: perf.workers_go().__enter__())
            other.start()
            other.join(5)
            assert worker.counted() == 0
        assert worker.counted() > 0
    finally:
        worker.ending = True
        worker.join(5)


def test_the_alerts_side_reads_make_no_pauses(tmp_path, monkeypatch):
    """The side reader's statements answer in one row: a pause in one takes Python's lock, which the
    alerts' thread working in Python beside it hands over only every few ms (a fifth of the big plan's
    alerts' time), and waits while the window asks. A worker's plain reads still pause."""
    monkeypatch.setattr(perf, "PAUSE_STEPS", 20)
    monkeypatch.setattr(perf, "HOLD_AT_MOST", 30.0)
    path = tmp_path / "plan.ogsm"
    with Plan.create(path) as plan, plan.batch("edit", "nodes to read"):
        for i in range(300):
            plan.nodes.add(None, "objective", title=f"objective {i}")
    with Plan.open(path) as plan:
        side, plain = plan.side_reader(), connection.connect_readonly(path)
    found = {}

    def read(name, conn):
        found[name] = conn.execute("SELECT count(*) FROM nodes a, nodes b").fetchone()[0]

    readers = [threading.Thread(target=read, args=args, daemon=True) for args in (("side", side.conn),
                                                                                   ("plain", plain))]
    try:
        with perf.workers_wait():
            for reader in readers:
                reader.start()
            readers[0].join(10)
            time.sleep(0.1)
            assert found == {"side": 300 * 300}       # the plain read held at a pause meanwhile
        readers[1].join(10)
        assert found == {"side": 300 * 300, "plain": 300 * 300}
    finally:
        for reader in readers:
            reader.join(40)                       # (closed under a statement running, the connection crashes)
        side.close()
        plain.close()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux only: ru_maxrss carries over the exec there")
def test_a_childs_peak_memory_is_its_own_not_its_parents(tmp_path):
    """The hostile-workbook checks failed (a peak of 350 MB) whenever pytest itself had grown big first:
    ru_maxrss of a process started by subprocess carries the parent's resident size over the exec. The
    peak a child reports is its own."""
    import subprocess
    import sys

    big = bytearray(300 * 1024 * 1024)
    big[::4096] = b"\x01" * len(big[::4096])              # resident, not only reserved
    code = "from ogsm_desktop.core.perf import peak_memory_mb; print(peak_memory_mb())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(done.stdout) < 150, done.stdout
    del big


def test_cycles_made_between_pauses_are_still_collected_on_their_own():
    """``paused_gc`` ending with ``gc.freeze(); gc.unfreeze()`` moved every object alive — not only those built
    in the pause, but the young garbage made just before it, on any thread — to the oldest generation, and
    set the young generation's count to 0. Python 3.11 then never starts a collection on its own (the count
    never reaches the threshold; a full pass waits for survivors of the middle generation, which none are):
    a session that reads the tree or the statuses again and again between a few cyclic objects (an
    exception's traceback, a closed dialog) kept them all. Run in a child: the test's own garbage apart."""
    import subprocess
    import sys

    code = """if True:
        import gc, weakref
        from ogsm_desktop.core.perf import paused_gc
        gc.enable(); gc.collect()
        class C: pass
        refs = []
        for _ in range(20000):
            a, b = C(), C()
            a.b, b.a = b, a                      # a cycle, garbage once dropped
            refs.append(weakref.ref(a))
            del a, b
            with paused_gc():
                pass
        print(sum(r() is not None for r in refs))
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(done.stdout) < 2000, f"{done.stdout.strip()} of 20,000 garbage cycles never collected"


def test_what_an_import_keeps_goes_to_the_oldest_generation_unwalked_and_collection_goes_on():
    """``paused_gc(kept_as_old=True)`` (an import's analysis): the rows it built are handed to the oldest
    generation as they are, not walked by the next young pass (a million rows: 0.16 s; on the window's thread,
    whose timer collects, 0.22 s); and collection goes on afterwards: cycles made after it are freed (on the
    command line without anyone asking). Run in a child: the test's own garbage apart."""
    import subprocess
    import sys

    code = """if True:
        import gc, sys, weakref
        from ogsm_desktop.core.perf import paused_gc
        gc.collect()
        if sys.argv[1] == "window":               # the window's: automatic collection off, a timer collects
            gc.disable()
        with paused_gc(kept_as_old=True):
            rows = [(i, "2026-01", 1.5, [i]) for i in range(50000)]
        old = {id(o) for o in gc.get_objects(generation=2)}
        young = {id(o) for o in gc.get_objects(generation=0)}
        print(sum(id(r) in old for r in rows), sum(id(r) in young for r in rows))
        class C: pass
        refs = []
        for _ in range(20000):
            a, b = C(), C()
            a.b, b.a = b, a                      # a cycle, garbage once dropped
            refs.append(weakref.ref(a))
            del a, b
            if not gc.isenabled() and len(refs) % 700 == 0:
                gc.collect(0)                     # (the window's timer)
        print(sum(r() is not None for r in refs))
    """
    for where in ("command line", "window"):
        done = subprocess.run([sys.executable, "-c", code, where], capture_output=True, text=True, check=True)
        (old, young), (left,) = (list(map(int, line.split())) for line in done.stdout.split("\n")[:2])
        assert (old, young) == (50000, 0), (where, done.stdout)
        assert left < 2000, f"{where}: {left} of 20,000 garbage cycles never collected"
