"""Load test on the loopback: the commons index and a prototype page under gunicorn with 2 workers
(production settings over plain HTTP, the bench's database), hammered by ``wrk`` for a few seconds
each, without and with the public page cache. Prints requests per second and p95 latency.

Bounded: each run lasts ``LOADTEST_SECONDS`` (default 6 s) with ``LOADTEST_CONNECTIONS`` (default 8)
connections, targets 127.0.0.1 only, and gunicorn is stopped at the end. Needs ``wrk``
(Debian: ``apt-get install wrk``); without it the load test says so and is skipped.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The floor of the load test: the prototype's row in a bare page (``bench/floors.py``), uncached.
PLAIN = "vue Django simple (ligne du prototype)"
#: Before issue 18 (same machine, same run, same load), a prototype fiche uncached answered this
#: fraction of the plain view's requests per second; the goal is three times this ratio.
PROTOTYPE_RATIO_BEFORE = float(os.environ.get("LOADTEST_PROTOTYPE_RATIO_BEFORE", "0.166"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "6"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "8"))
#: wrk's summary, read by ``_wrk``: requests, answers served from the cache, non-2xx/3xx answers,
#: socket errors, and the latency's median and p95.
LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0 end
function response(status, headers, body)
  if headers["X-Labo-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local e, all_hits = summary.errors, 0
  for _, thread in ipairs(threads) do all_hits = all_hits + thread:get("hits") end
  io.write(string.format("LABO requests=%d seconds=%f p95_us=%d p50_us=%d hits=%d status_errors=%d socket_errors=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(95.0), latency:percentile(50.0), all_hits, e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base, process, deadline=60):
    end = time.time() + deadline
    while time.time() < end:
        if process.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            with urllib.request.urlopen(f"{base}/commun/", timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn ne répond pas")


def _gunicorn(env, port, log):
    return subprocess.Popen(  # noqa: S603 (our own server, on the loopback)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lab.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if os.environ.get("LOADTEST_ACCESS_LOG") else "/dev/null",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wrk(url, script):
    output = subprocess.run(  # noqa: S603 (wrk, found on the PATH by run())
        [
            shutil.which("wrk"),
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{SECONDS}s",
            "--timeout",
            "10s",
            "--script",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
        check=True,
    ).stdout
    match = re.search(r"LABO (.*)", output)
    if match is None:
        raise RuntimeError(f"wrk: résultat illisible\n{output}")
    figures = dict(item.split("=") for item in match.group(1).split())
    return {key: float(value) for key, value in figures.items()}


def _urls():
    from home.models import CommonsEntry
    from projets.models import PrototypePage

    prototype = PrototypePage.objects.live().public().order_by("pk").first()
    entry = CommonsEntry.objects.order_by("-published_at").first()
    return {
        "index du commun": "/commun/",
        "index du commun, filtré": f"/commun/?type={entry.kind}&page=3",
        "page d'un prototype": prototype.url,
        PLAIN: f"/banc/prototype/{prototype.pk}/",
    }


def run(report):
    from django.conf import settings
    from django.core.management import call_command

    from bench import dataset

    if shutil.which("wrk") is None:
        print("  wrk absent : test de charge ignoré (Debian/Ubuntu : sudo apt-get install wrk)")
        report.row("test de charge", 0, "—", bar="wrk absent : apt-get install wrk")
        return
    dataset.get()
    urls = _urls()
    folder = Path(tempfile.mkdtemp(prefix="labo-loadtest-"))
    script = folder / "summary.lua"
    script.write_text(LUA)
    (folder / "static").mkdir()
    cache_url = os.environ.get("LOADTEST_CACHE_URL", "db://labo_loadtest_cache")
    if cache_url.startswith("db://"):
        call_command("createcachetable", cache_url.removeprefix("db://"), verbosity=0)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.server_settings",
        "SECRET_KEY": "loadtest-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_URL": cache_url,
        "LOG_LEVEL": "ERROR",
    }
    cases = [("sans cache", "0"), (f"avec cache ({cache_url.split(':')[0]})", "600")]
    log = open(folder / "gunicorn.log", "ab")  # noqa: SIM115
    results = {}
    try:
        for label, cache_seconds in cases:
            port = _free_port()
            server = _gunicorn({**base_env, "PUBLIC_CACHE_SECONDS": cache_seconds}, port, log)
            try:
                base = f"http://127.0.0.1:{port}"
                _wait_until_up(base, server)
                for name, path in urls.items():
                    if name == PLAIN and cache_seconds != "0":
                        continue
                    print(f"  {name}, {label} : {SECONDS} s, {CONNECTIONS} connexions…", flush=True)
                    results[(name, label)] = _wrk(base + path, str(script))
            finally:
                _stop(server)
    finally:
        log.close()

    plain = results[(PLAIN, cases[0][0])]
    plain_rps = plain["requests"] / plain["seconds"]
    report.row(f"{PLAIN}, sans cache : débit", plain_rps, "req/s")
    for name in urls:
        if name == PLAIN:
            continue
        without = results[(name, cases[0][0])]
        for label, _seconds in cases:
            figures = results[(name, label)]
            if figures["status_errors"] or figures["socket_errors"]:
                print(f"  attention : {name}, {label} : {figures['status_errors']:.0f} réponses en erreur")
            rps = figures["requests"] / figures["seconds"]
            if label == cases[0][0]:
                # Uncached: against the plain view under the same load, in the same run.
                prototype = name == "page d'un prototype"
                report.row(
                    f"{name}, {label} : débit",
                    rps,
                    "req/s",
                    baseline=plain_rps,
                    baseline_label="vue Django simple, même charge",
                    bar=f"≥ {3 * PROTOTYPE_RATIO_BEFORE:.3f}×".replace(".", ",") if prototype else "ratio affiché",
                )
                if prototype:
                    report.note(
                        f"page d'un prototype sans cache : {rps / plain_rps / PROTOTYPE_RATIO_BEFORE:.2f}× le ratio "
                        f"d'avant l'issue 18 ({PROTOTYPE_RATIO_BEFORE:.3f} de la vue simple ; objectif 3×)"
                    )
            else:
                report.row(
                    f"{name}, {label} : débit",
                    rps,
                    "req/s",
                    baseline=without["requests"] / without["seconds"],
                    baseline_label="sans cache",
                    bar="ratio affiché",
                )
            report.row(f"{name}, {label} : latence p95", figures["p95_us"] / 1000, "ms")
            if label != cases[0][0]:
                report.row(
                    f"{name}, {label} : réponses servies du cache", 100 * figures["hits"] / figures["requests"], "%"
                )
