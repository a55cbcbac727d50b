"""Benchmark of the practice web app: latency and throughput of "serve a question" and "check an answer"
against the real server (`mathexams practice`, uvicorn) on 127.0.0.1 only, with 1 and 4 worker processes.

Set-up (not timed): a fresh SQLite database, sessions planned by the planner and their questions sampled
and stored in-process, as after a learner has opened them. Then, per worker count:
- serve: GET of a question page (an unanswered question: prompt, inputs, reason), over a set of 40
  questions requested round-robin, so the app's question cache is warm ("figures cached");
- check: POST of an answer to a question never answered before (the response committed, the checker run,
  the verdict committed, the redirect returned), half of them the key, half a wrong answer.
Latency: one client, requests one after the other (median and p95). Throughput: 8 client threads for a
bounded time (at most SECONDS per phase and a fixed number of requests), requests per second.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SECONDS = 8.0
THREADS = 8
LATENCY_REQUESTS = 120
QUESTIONS_PER_SESSION = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_helpers():
    """tests/practice/helpers.py: how the tests type a key (or a wrong answer) into the form fields."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("practice_helpers", ROOT / "tests/practice/helpers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(url: str, sessions: int) -> list[tuple[int, int, dict]]:
    """Sessions of sampled questions: (session id, position, form fields to post) for every question."""
    from mathexams.bank import load_bank
    from mathexams.practice import store
    from mathexams.practice.database import make_engine, migrate, session_factory
    from mathexams.practice.planning import plan_practice
    from mathexams.sampler import sample_question
    key_fields = _test_helpers().key_fields

    bank = load_bank()
    engine = make_engine(url)
    migrate(engine)
    out = []
    with session_factory(engine)() as db:
        learner = store.learner_named(db, "learner")
        seen: set = set()
        for n in range(sessions):
            plan = plan_practice(bank, weeks=[], tracks=[], difficulties=[], count=QUESTIONS_PER_SESSION,
                                 session_seed=1000 + n, seen=seen)
            seen |= {(p.template_id, p.seed) for p in plan}
            session = store.create_session(db, learner, "practice", f"bench {n}", {"seed": n}, plan)
            for served in session.questions:
                question = sample_question(bank.get(served.template_id), served.seed, form=served.form)
                store.store_question(db, served, question)
                fields = key_fields(question.answer, wrong=served.position % 2 == 0)
                out.append((session.id, served.position, fields))
    engine.dispose()
    return out


def start_server(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([str(ROOT / ".venv/bin/mathexams"), "practice", "--port", str(port), "--database",
                                url, "--workers", str(workers)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(600):
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    stop(process)
    raise SystemExit("the practice server did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def client(base: str):
    import httpx

    c = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    page = c.get("/")
    c.csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return c


def serve_once(c, item) -> float:
    session_id, position, _ = item
    start = time.perf_counter()
    r = c.get(f"/sessions/{session_id}/q/{position}")
    elapsed = time.perf_counter() - start
    assert r.status_code == 200, r.status_code
    return elapsed


def check_once(c, item) -> float:
    session_id, position, fields = item
    start = time.perf_counter()
    r = c.post(f"/sessions/{session_id}/q/{position}", data={"csrf": c.csrf, **fields})
    elapsed = time.perf_counter() - start
    assert r.status_code == 303, r.status_code
    return elapsed


def latency(base: str, items, action) -> list[float]:
    c = client(base)
    try:
        return [action(c, item) for item in items]
    finally:
        c.close()


def throughput(base: str, items, action, *, cycle: bool) -> tuple[float, int]:
    """Requests per second of THREADS clients sharing `items` (each used once unless `cycle`)."""
    lock = threading.Lock()
    position = [0]
    done = [0]
    deadline = time.perf_counter() + SECONDS

    def take():
        with lock:
            if position[0] >= len(items) and not cycle:
                return None
            item = items[position[0] % len(items)]
            position[0] += 1
            return item

    def work():
        c = client(base)
        try:
            while time.perf_counter() < deadline:
                item = take()
                if item is None:
                    return
                action(c, item)
                with lock:
                    done[0] += 1
        finally:
            c.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.perf_counter() - start), done[0]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mathexams-bench-practice-"))
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    start = time.perf_counter()
    items = prepare(url, sessions=40)
    print(f"set-up: {len(items)} questions sampled and stored in {time.perf_counter() - start:.0f} s", flush=True)
    serve_set = items[:40]
    fresh = iter(items[40:])
    rows = []
    for workers in (1, 4):
        process, base = start_server(url, workers)
        try:
            latency(base, serve_set, serve_once)                      # warm the workers' caches
            serve = latency(base, serve_set * 3, serve_once)
            checks = latency(base, [next(fresh) for _ in range(LATENCY_REQUESTS)], check_once)
            serve_rps, serve_n = throughput(base, serve_set, serve_once, cycle=True)
            budget = [next(fresh) for _ in range(min(600, len(items) // 3))]
            check_rps, check_n = throughput(base, budget, check_once, cycle=False)
        finally:
            stop(process)
        rows.append((workers, serve, checks, serve_rps, serve_n, check_rps, check_n))
    print("| workers | serve a question: median / p95 | requests/s (n) | check an answer: median / p95 | "
          "requests/s (n) |")
    print("|---|---|---|---|---|")
    for workers, serve, checks, serve_rps, serve_n, check_rps, check_n in rows:
        print(f"| {workers} | {1000 * statistics.median(serve):.1f} ms / {1000 * p95(serve):.1f} ms | "
              f"{serve_rps:.0f} ({serve_n}) | {1000 * statistics.median(checks):.1f} ms / "
              f"{1000 * p95(checks):.1f} ms | {check_rps:.0f} ({check_n}) |")
    import shutil
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
