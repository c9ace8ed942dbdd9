#!/usr/bin/env python3
"""kensa's benchmark harness (issue 8). Run it through `make bench` or `bash bench/run.sh`.

Scenarios (each one is independent; a scenario that cannot run records "skipped: <reason>"):
  import   (a) Inspector SBOM bulk export imported end to end emulator -> kensa, per fleet size
               and database, next to its floors (simdjson parse, SQLite prepared insert of the
               same rows) and a naive peer (jq) over the same SBOM bytes
  scan     (b) Inspector findings scan of ~100,000 findings
  rescan   (c) the same scan again with nothing changed (expects zero row writes)
  match    (d) advisory matching, 1M software rows against 200k OSV ranges (kensa-bench-match)
  api      (e) the REST API under wrk at 64 and 256 connections on 1M tasks / 5M software rows
Peak RSS of every kensa process (f) is recorded in each scenario and summarised.

Only the Python standard library is used. Configuration comes from BENCH_* environment
variables; see bench/README.md. Results go to bench/results/<timestamp>.json and .md, and the
Markdown summary is copied to bench/RESULTS.md.
"""

import datetime
import hashlib
import http.client
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
BIN = os.path.abspath(os.environ.get("KENSA_BIN_DIR", os.path.join(ROOT, "build", "bin")))
KENSA = os.path.join(BIN, "kensa")
EMULATOR = os.path.join(BIN, "kensa-aws-emulator")
AWS_CLI = "/usr/bin/aws"
INSPECTOR_MODEL = os.path.join(os.path.dirname(ROOT), "shared", "reference", "aws-models", "inspector2",
                               "2020-06-08", "service-2.json")
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
BUCKET = "kensa-sbom-exports"
MIB = 1 << 20

# Fleet sizes of scenario (a): EC2 instances, Lambda functions, ECR images, components each.
SIZES = {
    "S": {"instances": 50, "lambdas": 25, "images": 25, "components": 500},
    "M": {"instances": 500, "lambdas": 250, "images": 250, "components": 500},
    "L": {"instances": 5000, "lambdas": 2500, "images": 2500, "components": 500},
    # Issue 6's scale check: 1,000 resources x 1,000 components (opt-in: BENCH_SIZES=K).
    "K": {"instances": 500, "lambdas": 250, "images": 250, "components": 1000},
}
# Generated fleets at the catalogue's natural size carry ~79.6 active findings per resource
# (measured with seed 1); scenario (b) sizes its fleet from that and reports the real count.
FINDINGS_PER_RESOURCE = 79.6

TARGETS = {
    "import_components_per_second": 250000,
    "import_floor_ratio": 2.0,
    "import_peak_rss_mib": 256,
    "scan_seconds": 5.0,
    "rescan_seconds": 2.0,
    "match_seconds": 10.0,
    "api_p99_ms": 50.0,
    "software_page_ms": 100.0,
}


def env_list(name, default):
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]


def env_int(name, default):
    v = os.environ.get(name, "")
    return int(v) if v.strip() else default


CONFIG = {
    "sizes": [s.upper() for s in env_list("BENCH_SIZES", "S,M")],
    "scenarios": env_list("BENCH_SCENARIOS", "import,scan,rescan,match,api"),  # and software
    "dbs": env_list("BENCH_DBS", "sqlite,postgres"),
    "scan_dbs": env_list("BENCH_SCAN_DBS", "sqlite"),
    "api_dbs": env_list("BENCH_API_DBS", "sqlite"),
    "seed": env_int("BENCH_SEED", 1),
    "scan_findings": env_int("BENCH_SCAN_FINDINGS", 100000),
    "match_rows": env_int("BENCH_MATCH_ROWS", 1000000),
    "match_ranges": env_int("BENCH_MATCH_RANGES", 200000),
    "match_packages": env_int("BENCH_MATCH_PACKAGES", 50000),
    "api_servers": env_int("BENCH_API_SERVERS", 10000),
    "api_tasks": env_int("BENCH_API_TASKS", 1000000),
    "api_software": env_int("BENCH_API_SOFTWARE", 5000000),
    "wrk_connections": [int(c) for c in env_list("BENCH_WRK_CONNECTIONS", "64,256")],
    "wrk_duration_s": env_int("BENCH_WRK_DURATION", 10),
    "wrk_warmup_s": env_int("BENCH_WRK_WARMUP", 3),
    "wrk_threads": env_int("BENCH_WRK_THREADS", 2),
    "floor_repeat": env_int("BENCH_FLOOR_REPEAT", 3),
    "timeout_s": env_int("BENCH_TIMEOUT", 3600),
    "software_dbs": env_list("BENCH_SOFTWARE_DBS", "sqlite"),
    "software_rows": env_int("BENCH_SOFTWARE_ROWS", 1000000),
    "software_servers": env_int("BENCH_SOFTWARE_SERVERS", 2000),
    "software_samples": env_int("BENCH_SOFTWARE_SAMPLES", 50),
}

# ---------------------------------------------------------------------------------------------
# Processes: every child is tracked and killed (by pid) when the harness exits.

CHILDREN = set()
LOG_LOCK = threading.Lock()


def log(msg):
    with LOG_LOCK:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def kill_children():
    for pid in list(CHILDREN):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    for pid in list(CHILDREN):
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break
            if done:
                break
            time.sleep(0.05)
        else:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        CHILDREN.discard(pid)


class Interrupted(BaseException):
    """SIGINT/SIGTERM: stop the scenarios, still write what was measured."""


def on_signal(signum, _frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    log(f"signal {signum}: stopping; the results so far are written")
    raise Interrupted(signum)


class Failure(Exception):
    """A scenario step failed; the scenario is recorded as failed and the run goes on."""


class Skip(Exception):
    """A scenario cannot run (missing command, tool or binary); recorded as skipped."""


def cpu_seconds(pid):
    """user+sys CPU seconds of a running process (from /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def run(cmd, *, env=None, out=None, err=None, timeout=None, stdin=None, check=True):
    """Runs a command to completion; returns a dict with wall/user/sys seconds, peak RSS (from
    wait4, so exact for that process), exit code and the stdout text (when `out` is None)."""
    timeout = timeout or CONFIG["timeout_s"]
    out_f = open(out, "wb") if out else subprocess.PIPE
    err_f = open(err, "wb") if err else subprocess.PIPE
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=out_f, stderr=err_f, stdin=stdin or subprocess.DEVNULL)
    CHILDREN.add(p.pid)
    chunks = {"out": b"", "err": b""}
    readers = []
    for key, stream in (("out", p.stdout), ("err", p.stderr)):
        if stream is not None:
            def pump(k=key, s=stream):
                chunks[k] = s.read()
            th = threading.Thread(target=pump, daemon=True)
            th.start()
            readers.append(th)
    timed_out = []
    timer = threading.Timer(timeout, lambda: (timed_out.append(True), p.kill()))
    timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    timer.cancel()
    CHILDREN.discard(p.pid)
    p.returncode = os.waitstatus_to_exitcode(status)
    for th in readers:
        th.join()
    for f in (out_f, err_f):
        if f is not subprocess.PIPE:
            f.close()
    res = {
        "cmd": " ".join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd)),
        "rc": p.returncode,
        "wall_s": wall,
        "user_s": ru.ru_utime,
        "sys_s": ru.ru_stime,
        "peak_rss_kib": ru.ru_maxrss,
        "stdout": chunks["out"].decode(errors="replace"),
        "stderr": chunks["err"].decode(errors="replace") if not err else tail(err, 4000),
    }
    if timed_out:
        raise Failure(f"{res['cmd'][:120]} timed out after {timeout} s")
    if check and p.returncode != 0:
        detail = res["stderr"].strip() or res["stdout"].strip()
        raise Failure(f"{res['cmd'][:160]} exited {p.returncode}: {detail[-800:]}")
    return res


class Background:
    """A long-running child (emulator, kensa serve, postgres is started by pg_ctl instead)."""

    def __init__(self, name, cmd, workdir, env=None):
        self.name = name
        self.out = os.path.join(workdir, f"{name}.out")
        self.err = os.path.join(workdir, f"{name}.err")
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            self.proc = subprocess.Popen(cmd, stdout=o, stderr=e, stdin=subprocess.DEVNULL, env=env)
        CHILDREN.add(self.proc.pid)
        self.pid = self.proc.pid
        self.port = None

    def wait_listening(self, timeout=900):
        """Waits for the 'listening on HOST:PORT' first line both binaries print."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                CHILDREN.discard(self.pid)
                raise Failure(f"{self.name} exited with {self.proc.returncode}: {tail(self.err)}")
            with open(self.out, errors="replace") as f:
                line = f.readline()
            if line.startswith("listening on ") and line.endswith("\n"):
                self.port = int(line.strip().rsplit(":", 1)[1])
                return self.port
            time.sleep(0.05)
        raise Failure(f"{self.name} did not print 'listening on' within {timeout} s: {tail(self.err)}")

    def cpu(self):
        return cpu_seconds(self.pid)

    def stop(self):
        """SIGTERM, then wait4: returns the process's peak RSS (KiB) and CPU seconds."""
        if self.pid not in CHILDREN:
            return {}
        hwm = status_kib(self.pid, "VmHWM")
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 30
        while True:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(self.pid, 0)
                break
            time.sleep(0.02)
        CHILDREN.discard(self.pid)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return {"peak_rss_kib": ru.ru_maxrss or hwm, "cpu_s": ru.ru_utime + ru.ru_stime,
                "exit_code": self.proc.returncode}


def kensa_seconds(r, emulator_cpu_s):
    """kensa's time in a run against the emulator: wall time minus the emulator's CPU time, but
    never less than kensa's own CPU time (a group scan overlaps its AWS calls with the
    emulator's work, so the subtraction alone could credit kensa with the overlap)."""
    return max(r["wall_s"] - emulator_cpu_s, r["user_s"] + r["sys_s"], 1e-9)


def tail(path, n=1500):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-n:].strip()
    except OSError:
        return ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_json(text):
    """The last JSON document of a command's output (kensa prints one, pretty or not)."""
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "{[" and (i == 0 or text[i - 1] == "\n"):
            try:
                return json.loads(text[i:])
            except ValueError:
                continue
    raise Failure(f"no JSON in output: {text[-300:]}")


# ---------------------------------------------------------------------------------------------
# Machine and build description


def machine_info():
    info = {"nproc": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version()}
    try:
        info["nproc_available"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["ram_gib"] = round(int(line.split()[1]) / (1 << 20), 1)
    except OSError:
        pass
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    info["loadavg_start"] = os.getloadavg()
    return info


def build_info():
    info = {"bin_dir": BIN}
    cache = os.path.join(os.path.dirname(BIN), "CMakeCache.txt")
    compiler = "c++"
    if os.path.exists(cache):
        with open(cache) as f:
            for line in f:
                m = re.match(r"(CMAKE_BUILD_TYPE|CMAKE_CXX_COMPILER|CMAKE_CXX_FLAGS_RELEASE|KENSA_SANITIZE):[A-Z]+=(.*)", line)
                if m:
                    info[m.group(1).lower()] = m.group(2).strip()
        compiler = info.get("cmake_cxx_compiler") or compiler
    try:
        info["compiler"] = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    git = lambda *a: subprocess.run(["git", "-C", ROOT, *a], capture_output=True, text=True).stdout.strip()
    try:
        info["kensa_built_at"] = datetime.datetime.fromtimestamp(os.path.getmtime(KENSA), datetime.timezone.utc) \
            .isoformat(timespec="seconds")
    except OSError:
        pass
    info["git_commit"] = git("rev-parse", "--short=12", "HEAD")
    info["git_dirty"] = bool(git("status", "--porcelain", "--untracked-files=no"))
    try:
        info["kensa_version"] = subprocess.run([KENSA, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    versions = {"sqlite": sqlite3.sqlite_version}
    for name, cmd in (("jq", ["jq", "--version"]), ("wrk", ["wrk", "-v"]), ("aws", [AWS_CLI, "--version"]),
                      ("postgres", [pg_bindir() + "/postgres" if pg_bindir() else "postgres", "--version"])):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            versions[name] = (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            versions[name] = None
    try:
        p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libsimdjson-dev"], capture_output=True, text=True)
        versions["simdjson"] = p.stdout.strip() or None
    except OSError:
        versions["simdjson"] = None
    info["versions"] = versions
    return info


# ---------------------------------------------------------------------------------------------
# Databases


def pg_bindir():
    dirs = sorted((d for d in (os.path.join("/usr/lib/postgresql", v, "bin")
                               for v in (os.listdir("/usr/lib/postgresql") if os.path.isdir("/usr/lib/postgresql") else []))
                   if os.path.exists(os.path.join(d, "pg_ctl"))), key=lambda d: [int(x) if x.isdigit() else 0 for x in d.split("/")])
    return dirs[-1] if dirs else None


class Postgres:
    """A throw-away PostgreSQL cluster with the default durability settings (fsync on), or the
    server named by BENCH_PG_DSN (postgresql://USER@HOST:PORT/ANYDB)."""

    def __init__(self, workdir):
        self.external = os.environ.get("BENCH_PG_DSN", "")
        self.dir = None
        self.counter = 0
        if self.external:
            m = re.match(r"postgresql://([^@/]+)@([^:/]+):?(\d*)/", self.external)
            if not m:
                raise Skip("BENCH_PG_DSN must look like postgresql://USER@HOST:PORT/DB")
            self.user, self.host, self.port = m.group(1), m.group(2), int(m.group(3) or 5432)
            return
        self.bindir = pg_bindir()
        if not self.bindir:
            raise Skip("PostgreSQL server binaries not found (apt-get install postgresql) and BENCH_PG_DSN not set")
        self.user, self.host, self.port = "postgres", "127.0.0.1", free_port()
        self.dir = tempfile.mkdtemp(prefix="kensa-bench-pg.", dir=os.environ.get("TMPDIR", "/tmp"))
        root = os.geteuid() == 0
        if root:
            shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o700)
        self.as_pg = ["runuser", "-u", "postgres", "--"] if root else []
        data = os.path.join(self.dir, "data")
        run(self.as_pg + [f"{self.bindir}/initdb", "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8"])
        run(self.as_pg + [f"{self.bindir}/pg_ctl", "-D", data, "-w", "-t", "120", "-l", os.path.join(self.dir, "server.log"),
                          "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=300",
                          "start"])
        log(f"postgres: throw-away cluster on 127.0.0.1:{self.port} ({self.dir})")

    def version(self):
        return self.psql("postgres", "SHOW server_version").strip()

    def psql(self, db, sql):
        return run(["psql", "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", db, "-v", "ON_ERROR_STOP=1",
                    "-qtAc", sql])["stdout"]

    def fresh_db(self, label):
        self.counter += 1
        name = re.sub(r"[^a-z0-9_]", "_", f"kensa_bench_{label}_{os.getpid()}_{self.counter}".lower())
        self.psql("postgres", f"DROP DATABASE IF EXISTS {name}")
        self.psql("postgres", f"CREATE DATABASE {name}")
        return f"postgresql://{self.user}@{self.host}:{self.port}/{name}", name

    def drop(self, name):
        try:
            self.psql("postgres", f"DROP DATABASE IF EXISTS {name}")
        except Failure as e:
            log(f"postgres: could not drop {name}: {e}")

    def stop(self):
        if self.dir:
            subprocess.run(self.as_pg + [f"{self.bindir}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "fast", "stop"],
                           capture_output=True)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


# ---------------------------------------------------------------------------------------------
# kensa, the emulator and the aws CLI


class Bench:
    def __init__(self, work):
        self.work = work
        self.pg = None
        self.pg_error = None
        self.results = {"import": [], "scan": [], "rescan": [], "match": [], "api": [], "software": []}
        self.peaks = []
        self.master_key = os.path.join(work, "master.key")
        self.sbom_available = None

    # -- helpers -------------------------------------------------------------------------------

    def kensa_env(self, extra=None):
        env = dict(os.environ)
        env.update({"KENSA_MASTER_KEY_FILE": self.master_key, "KENSA_LOG_LEVEL": "warn", "KENSA_LOG_FORMAT": "json",
                    "KENSA_SBOM_POLL_MS": "50", "KENSA_AWS_ENDPOINT_ALLOWLIST": "127.0.0.1"})
        for k in ("KENSA_DB", "KENSA_CONFIG"):
            env.pop(k, None)
        env.update(extra or {})
        return env

    def kensa(self, db, *args, label=None, env=None, check=True, timed=False):
        """Runs one kensa command. A timed command (the one a scenario measures) runs under
        BENCH_PROFILE (e.g. "heaptrack -o DIR/%l" or "perf record -g -o DIR/%l.data"; %l is the
        label) when it is set, for profiling; its numbers then include the profiler's cost."""
        label = label or args[0]
        wrap = []
        if timed and os.environ.get("BENCH_PROFILE"):
            wrap = os.environ["BENCH_PROFILE"].replace("%l", label).split()
        return run([*wrap, KENSA, "--db", db, *args], env=self.kensa_env(env), check=check,
                   err=os.path.join(self.work, f"kensa-{label}.err"))

    def postgres(self):
        if self.pg is None and self.pg_error is None:
            try:
                self.pg = Postgres(self.work)
            except (Skip, Failure) as e:
                self.pg_error = str(e)
        if self.pg is None:
            raise Skip(f"PostgreSQL unavailable: {self.pg_error}")
        return self.pg

    def fresh_db(self, kind, label):
        """Returns (dsn, cleanup) for an empty database."""
        if kind == "sqlite":
            path = os.path.join(self.work, f"{label}.db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.unlink(path + suffix)
            return f"sqlite:{path}", lambda: None
        if kind == "postgres":
            pg = self.postgres()
            dsn, name = pg.fresh_db(label)
            return dsn, lambda: pg.drop(name)
        raise Skip(f"unknown database kind '{kind}' (sqlite or postgres)")

    def sbom_commands(self):
        if self.sbom_available is None:
            p = subprocess.run([KENSA, "sbom", "export", "--help"], capture_output=True, text=True)
            self.sbom_available = p.returncode == 0 and "--group" in p.stdout
        return self.sbom_available

    def generate(self, name, instances, lambdas, images, components=0):
        """Generates a fleet with kensa-aws-emulator generate (cached per parameters). The first
        line is patched so SBOM exports finish at once (sbomExportSeconds 0): the wait is
        emulator time, not kensa's. Returns (path, head) where head has accounts, kmsKeys..."""
        path = os.path.join(self.work, f"fleet-{name}.json")
        args = [EMULATOR, "generate", "--instances", str(instances), "--lambdas", str(lambdas), "--images", str(images),
                "--seed", str(CONFIG["seed"])]
        if components:
            args += ["--components", str(components)]
        if not os.path.exists(path):
            t0 = time.monotonic()
            p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            CHILDREN.add(p.pid)
            with open(path + ".tmp", "wb") as out:
                first = p.stdout.readline()
                first = first.replace(b'"sbomExportSeconds":2', b'"sbomExportSeconds":0')
                out.write(first)
                shutil.copyfileobj(p.stdout, out, 1 << 20)
            err = p.stderr.read().decode(errors="replace")
            p.wait()
            CHILDREN.discard(p.pid)
            if p.returncode != 0:
                raise Failure(f"kensa-aws-emulator generate failed: {err[-500:]}")
            os.rename(path + ".tmp", path)
            log(f"fleet {name}: {os.path.getsize(path) / MIB:.1f} MiB generated in {time.monotonic() - t0:.1f} s")
        return path, fleet_head(path)

    def start_emulator(self, fleet, name):
        emu = Background(name, [EMULATOR, "--listen", "127.0.0.1:0", "--fleet", fleet, "--log-level", "warn",
                                "--seed", str(CONFIG["seed"])], self.work)
        t0 = time.monotonic()
        emu.wait_listening()
        emu.load_s = time.monotonic() - t0
        emu.summary = emulator_get(emu.port, "/_emulator/fleet")
        emu.account = fleet_head(fleet)["accounts"][0]["id"]
        return emu

    def serve(self, db, name="serve", extra_env=None):
        srv = Background(name, [KENSA, "--db", db, "serve", "--listen", "127.0.0.1:0", "--no-scheduler"], self.work,
                         env=self.kensa_env(extra_env))
        srv.wait_listening(timeout=300)
        return srv

    def setup_group(self, db, emu, label):
        """A group "bench" whose AWS integration points at the emulator, and an admin token."""
        self.kensa(db, "group", "create", "bench", "--timezone", "UTC", label=f"{label}-group")
        self.kensa(db, "group", "aws-set", "bench", "--auth", "access_key", "--region", "us-east-1",
                   "--access-key-id", AWS_KEY, "--endpoint-url", f"http://127.0.0.1:{emu.port}",
                   env={"KENSA_AWS_SECRET_ACCESS_KEY": AWS_SECRET}, label=f"{label}-aws-set")
        self.kensa(db, "group", "aws-test", "bench", label=f"{label}-aws-test", check=False)
        token = last_json(self.kensa(db, "user", "token", "bench-admin", "--admin", label=f"{label}-token")["stdout"])
        return token["token"]

    def register_fleet(self, db, emu, token, fleet_counts, label):
        """Registers every EC2 instance, one pseudo server with the registrable Lambda functions
        and every ECR image (by its unique build-N tag) through the REST API. Returns counts."""
        t0 = time.monotonic()
        srv = self.serve(db, name=f"serve-register-{label}")
        phases = {"serve_start": time.monotonic() - t0}
        try:
            api = Api(srv.port, token)
            gid = self.group_id(api)
            counts = {"ec2": 0, "lambda": 0, "ecr": 0}
            t = time.monotonic()
            if fleet_counts["instances"]:
                ids = [c["instance_id"] for c in api.call("GET", f"/api/v1/groups/{gid}/ec2-candidates")["instances"]]
                for i in range(0, len(ids), 500):
                    counts["ec2"] += len(api.call("POST", f"/api/v1/groups/{gid}/servers/ec2",
                                                  {"instance_ids": ids[i:i + 500]})["server_ids"])
            phases["ec2"], t = time.monotonic() - t, time.monotonic()
            if fleet_counts["lambdas"]:
                pseudo = api.call("POST", f"/api/v1/groups/{gid}/servers/pseudo", {"name": "lambdas"})["server_id"]
                names = [f["name"] for f in api.call("GET", f"/api/v1/groups/{gid}/lambda-candidates")["functions"]
                         if f.get("registrable")]
                for i in range(0, len(names), 200):
                    res = api.call("POST", f"/api/v1/groups/{gid}/servers/{pseudo}/lambda-functions",
                                   {"functions": names[i:i + 200]}, ok=(201, 207))
                    counts["lambda"] += sum(1 for r in res["results"] if r.get("added"))
            phases["lambda"], t = time.monotonic() - t, time.monotonic()
            account = emu.account
            for i in range(fleet_counts["images"]):
                # The generator puts image i in repository repo-(i/5) with the unique tag build-i.
                api.call("POST", f"/api/v1/groups/{gid}/servers/ecr",
                         {"registry": account, "repository": f"repo-{i // 5}", "tag": f"build-{i}"})
                counts["ecr"] += 1
            phases["ecr"] = time.monotonic() - t
            api.close()
        finally:
            srv.stop()
        counts["seconds"] = round(time.monotonic() - t0, 2)
        counts["phases_s"] = {k: round(v, 2) for k, v in phases.items()}
        log(f"{label}: registered {counts}")
        return counts

    @staticmethod
    def group_id(api):
        groups = api.call("GET", "/api/v1/groups")
        for g in groups.get("groups", []):
            if g.get("name") == "bench":
                return g["id"]
        raise Failure(f"group 'bench' not found in {str(groups)[:200]}")

    def aws(self, emu, *args, out=None):
        home = os.path.join(self.work, "aws-home")
        os.makedirs(home, exist_ok=True)
        env = dict(os.environ)
        env.update({"HOME": home, "AWS_CONFIG_FILE": os.path.join(home, "config"),
                    "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"), "AWS_ACCESS_KEY_ID": AWS_KEY,
                    "AWS_SECRET_ACCESS_KEY": AWS_SECRET, "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": "",
                    "AWS_MAX_ATTEMPTS": "3"})
        for k in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
            env.pop(k, None)
        return run([AWS_CLI, "--endpoint-url", f"http://127.0.0.1:{emu.port}", "--output", "json", *args], env=env,
                   out=out)

    def download_export(self, emu, dest):
        """The SBOM documents in the export bucket, byte for byte, with the aws CLI."""
        if not os.path.exists(AWS_CLI):
            raise Skip("/usr/bin/aws not found (apt-get install awscli)")
        t0 = time.monotonic()
        self.aws(emu, "s3", "cp", "--recursive", "--only-show-errors", f"s3://{BUCKET}/", dest)
        files = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs if f.endswith(".json")]
        log(f"downloaded {len(files)} SBOM documents ({sum(os.path.getsize(f) for f in files) / MIB:.1f} MiB) "
            f"in {time.monotonic() - t0:.1f} s")
        return files

    def export_with_aws_cli(self, emu, kms):
        """When kensa cannot export yet: the same emulator export, requested with the aws CLI."""
        if not os.path.exists(INSPECTOR_MODEL):
            raise Skip(f"inspector2 model not found at {INSPECTOR_MODEL} (needed by the aws CLI for SBOM exports)")
        self.aws(emu, "configure", "add-model", "--service-model", f"file://{INSPECTOR_MODEL}",
                 "--service-name", "inspector2")
        rep = last_json(self.aws(emu, "inspector2", "create-sbom-export", "--report-format", "CYCLONEDX_1_4",
                                 "--s3-destination", f"bucketName={BUCKET},keyPrefix=bench,kmsKeyArn={kms}")["stdout"])
        for _ in range(600):
            st = last_json(self.aws(emu, "inspector2", "get-sbom-export", "--report-id", rep["reportId"])["stdout"])
            if st.get("status") not in ("IN_PROGRESS", None):
                if st["status"] != "SUCCEEDED":
                    raise Failure(f"aws CLI SBOM export ended {st}")
                return
            time.sleep(0.2)
        raise Failure("aws CLI SBOM export did not finish")

    def peak(self, scenario, what, kib):
        if kib:
            self.peaks.append({"scenario": scenario, "process": what, "peak_rss_mib": round(kib / 1024, 1)})


class Api:
    """A keep-alive client for kensa's REST API."""

    def __init__(self, port, token):
        self.port = port
        self.token = token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def close(self):
        self.conn.close()

    def call(self, method, path, body=None, ok=(200, 201)):
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif method not in ("GET", "DELETE"):
            data = b""
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                text = resp.read().decode(errors="replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
                if attempt:
                    raise
        if resp.status not in ok:
            raise Failure(f"{method} {path} -> {resp.status}: {text[:400]}")
        return json.loads(text) if text else {}


def fleet_head(path):
    """The small first part of a generated fleet (settings, accounts, users, kmsKeys, buckets):
    the generator writes it as the first line, left open for the big arrays that follow."""
    with open(path, "rb") as f:
        return json.loads(f.readline().decode().rstrip().rstrip(",") + "}")


def emulator_get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    resp = conn.getresponse()
    data = json.loads(resp.read())
    conn.close()
    return data


# ---------------------------------------------------------------------------------------------
# Floors and the naive peer over SBOM files


def floor_binary(bench, name, source, libs):
    """A floor program from KENSA_BIN_DIR, else compiled here with g++ (it needs only simdjson
    and SQLite, so it does not wait for bench/CMakeLists.txt to be part of the build)."""
    path = os.path.join(BIN, name)
    if os.path.exists(path):
        return path
    local = os.path.join(bench.work, "bin", name)
    if not os.path.exists(local):
        os.makedirs(os.path.dirname(local), exist_ok=True)
        log(f"{name} is not in {BIN}; compiling it with g++")
        run(["g++", "-std=c++20", "-O2", "-DNDEBUG", "-o", local, os.path.join(BENCH, source)] + libs)
    return local


def run_floors(bench, docs_dir, files, label):
    res = {}
    parse_bin = floor_binary(bench, "kensa-bench-parse-floor", "parse_floor.cpp", ["-lsimdjson"])
    insert_bin = floor_binary(bench, "kensa-bench-insert-floor", "insert_floor.cpp", ["-lsimdjson", "-lsqlite3"])
    r = run([parse_bin, "--repeat", str(CONFIG["floor_repeat"]), docs_dir])
    res["parse"] = json.loads(r["stdout"])
    db = os.path.join(bench.work, f"floor-{label}.db")
    r = run([insert_bin, "--db", db, "--repeat", str(CONFIG["floor_repeat"]), docs_dir])
    res["insert"] = json.loads(r["stdout"])
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    # The naive peer: jq over the same files, one process per 1,000 files.
    if shutil.which("jq"):
        total_s, comps, user, sysc, peak = 0.0, 0, 0.0, 0.0, 0
        for i in range(0, len(files), 1000):
            r = run(["jq", "[(.components // .packages // [])[] | {name, purl}] | length"] + files[i:i + 1000])
            total_s += r["wall_s"]
            user += r["user_s"]
            sysc += r["sys_s"]
            peak = max(peak, r["peak_rss_kib"])
            comps += sum(int(x) for x in r["stdout"].split())
        res["jq"] = {"seconds": total_s, "components": comps, "cpu_s": user + sysc, "peak_rss_kib": peak,
                     "components_per_second": comps / total_s if total_s else None,
                     "filter": "[(.components // .packages // [])[] | {name, purl}] | length"}
    else:
        res["jq"] = {"status": "skipped: jq not installed"}
    p, ins = res["parse"], res["insert"]
    res["floor_seconds"] = p["parse_seconds"] + ins["insert_seconds"]
    res["floor_components_per_second"] = p["components"] / res["floor_seconds"] if res["floor_seconds"] else None
    return res


# ---------------------------------------------------------------------------------------------
# Scenario (a): SBOM import


def scenario_import(bench):
    for size in CONFIG["sizes"]:
        if size not in SIZES:
            bench.results["import"].append({"size": size, "status": f"skipped: unknown size '{size}' (S, M or L)"})
            continue
        spec = SIZES[size]
        entry_base = {"size": size, "resources": spec["instances"] + spec["lambdas"] + spec["images"],
                      "components_per_resource": spec["components"]}
        emu = None
        try:
            fleet, head = bench.generate(f"import-{size}", **spec)
            kms = head["kmsKeys"][0]["arn"]
            emu = bench.start_emulator(fleet, f"emulator-import-{size}")
            fleet_info = {"file_mib": round(os.path.getsize(fleet) / MIB, 1), "emulator_load_s": round(emu.load_s, 2),
                          "packages": sum(r.get("packages", 0) for r in emu.summary.get("resources", []))}
            log(f"import {size}: emulator serves {fleet_info['packages']} packages (loaded in {emu.load_s:.1f} s)")
            docs_dir = os.path.join(bench.work, f"sbom-{size}")
            files = None
            runs = []
            for kind in CONFIG["dbs"]:
                entry = dict(entry_base, db=kind, fleet=fleet_info)
                runs.append(entry)
                cleanup = lambda: None
                try:
                    if not bench.sbom_commands():
                        raise Skip("`kensa sbom export` is not in this kensa build (the lead's command is not merged "
                                   "yet); floors and jq still measured on an aws CLI export of the same fleet")
                    dsn, cleanup = bench.fresh_db(kind, f"import-{size}-{kind}")
                    token = bench.setup_group(dsn, emu, f"import-{size}-{kind}")
                    entry["registered"] = bench.register_fleet(dsn, emu, token, spec, f"import-{size}-{kind}")
                    bench.kensa(dsn, "sbom", "settings", "--group", "bench", "--enable", "--bucket", BUCKET,
                                "--kms-key-arn", kms, label=f"import-{size}-{kind}-settings")
                    cpu0 = emu.cpu()
                    log(f"import {size} {kind}: kensa sbom export")
                    r = bench.kensa(dsn, "sbom", "export", "--group", "bench", label=f"import-{size}-{kind}-export",
                                    check=False, timed=True)
                    emu_cpu = emu.cpu() - cpu0
                    out = last_json(r["stdout"]) if r["stdout"].strip() else {}
                    if r["rc"] != 0 or out.get("status") not in ("succeeded", "partial"):
                        raise Failure(f"kensa sbom export exited {r['rc']} with status {out.get('status')}: "
                                      f"{json.dumps(out.get('error') or out)[:600]} {r['stderr'][-400:]}")
                    comps = out.get("components_imported", 0)
                    kensa_s = kensa_seconds(r, emu_cpu)
                    entry.update({
                        "status": "ok" if out.get("status") == "succeeded" else "ok (kensa reported partial)",
                        "scan_run": {k: out.get(k) for k in ("status", "resources_imported", "resources_skipped",
                                                             "components_imported", "rows_written", "tasks_created")},
                        "wall_s": r["wall_s"], "emulator_cpu_s": emu_cpu, "kensa_s": kensa_s,
                        "kensa_cpu_s": r["user_s"] + r["sys_s"], "peak_rss_kib": r["peak_rss_kib"],
                        "components_per_second": comps / kensa_s,
                        "components_per_second_wall": comps / r["wall_s"],
                    })
                    bench.peak(f"import {size} {kind}", "kensa sbom export", r["peak_rss_kib"])
                    log(f"import {size} {kind}: {comps} components in {r['wall_s']:.2f} s wall "
                        f"({emu_cpu:.2f} s emulator CPU), {comps / kensa_s:,.0f} components/s, "
                        f"peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB")
                    if files is None:
                        files = bench.download_export(emu, docs_dir)
                except Skip as e:
                    entry["status"] = f"skipped: {e}"
                    log(f"import {size} {kind}: skipped: {e}")
                except Failure as e:
                    entry["status"] = f"failed: {e}"
                    log(f"import {size} {kind}: FAILED: {e}")
                finally:
                    cleanup()
            # Floors and the naive peer over the same bytes (the export kensa imported, or one
            # requested with the aws CLI when kensa could not export).
            floors = {}
            try:
                if files is None:
                    bench.export_with_aws_cli(emu, kms)
                    files = bench.download_export(emu, docs_dir)
                if not files:
                    raise Failure("the export bucket holds no SBOM documents")
                floors = run_floors(bench, docs_dir, files, size)
                floors["status"] = "ok"
                log(f"import {size}: floors parse {floors['parse']['parse_seconds']:.3f} s + insert "
                    f"{floors['insert']['insert_seconds']:.3f} s for {floors['parse']['components']} components; "
                    f"jq {floors['jq'].get('seconds', float('nan')):.2f} s")
            except Skip as e:
                floors = {"status": f"skipped: {e}"}
            except Failure as e:
                floors = {"status": f"failed: {e}"}
            for entry in runs:
                entry["floors"] = floors
                if entry.get("status", "").startswith("ok") and floors.get("status") == "ok":
                    kensa_cps = entry["components_per_second"]
                    ratios = {"kensa_vs_floor": floors["floor_components_per_second"] / kensa_cps,
                              "kensa_vs_parse": floors["parse"]["components_per_second"] / kensa_cps,
                              "kensa_vs_insert": floors["insert"]["rows_per_second"] / kensa_cps}
                    if floors["jq"].get("components_per_second"):
                        ratios["kensa_vs_jq"] = floors["jq"]["components_per_second"] / kensa_cps
                    entry["ratios"] = ratios
                bench.results["import"].append(entry)
            if files is not None:
                shutil.rmtree(docs_dir, ignore_errors=True)
        except (Skip, Failure) as e:
            kind = "skipped" if isinstance(e, Skip) else "failed"
            bench.results["import"].append(dict(entry_base, status=f"{kind}: {e}"))
            log(f"import {size}: {kind}: {e}")
        finally:
            if emu:
                st = emu.stop()
                log(f"import {size}: emulator peak RSS {st.get('peak_rss_kib', 0) / 1024:.0f} MiB")


# ---------------------------------------------------------------------------------------------
# Scenarios (b) and (c): Inspector findings scan, and the unchanged rescan


FINGERPRINT_SQL = """SELECT * FROM vulnerabilities ORDER BY id; SELECT * FROM software ORDER BY id;
SELECT * FROM detections ORDER BY id; SELECT * FROM tasks ORDER BY id; SELECT * FROM task_comments ORDER BY id;
SELECT * FROM task_history ORDER BY id; SELECT * FROM network_findings ORDER BY id;"""


def db_fingerprint(dsn):
    """A hash of every inventory and task row (not scan_runs), as tests/functional/lib.sh does."""
    if dsn.startswith("sqlite:"):
        h = hashlib.sha256()
        con = sqlite3.connect(f"file:{dsn[7:]}?mode=ro", uri=True)
        for stmt in FINGERPRINT_SQL.split(";"):
            if stmt.strip():
                for row in con.execute(stmt):
                    h.update(repr(row).encode())
        con.close()
        return h.hexdigest()
    return None


def scan_summary(runs):
    statuses = {}
    for r in runs:
        statuses[r.get("status")] = statuses.get(r.get("status"), 0) + 1
    return {"runs": len(runs), "statuses": statuses,
            "findings_seen": sum(r.get("findings_seen", 0) for r in runs),
            "tasks_created": sum(r.get("tasks_created", 0) for r in runs),
            "rows_written": sum(r.get("rows_written", 0) for r in runs)}


def scenario_scan(bench, do_scan, do_rescan):
    n = max(1, round(CONFIG["scan_findings"] / FINDINGS_PER_RESOURCE))
    counts = {"instances": n // 2, "lambdas": n // 4, "images": n - n // 2 - n // 4}
    emu = None
    try:
        fleet, _ = bench.generate(f"scan-{n}", **counts)
        emu = bench.start_emulator(fleet, "emulator-scan")
        active = emu.summary.get("findings", {}).get("ACTIVE")
        log(f"scan: fleet of {n} resources with {active} active findings")
        for kind in CONFIG["scan_dbs"]:
            base = {"db": kind, "resources": n, "fleet_active_findings": active}
            cleanup = lambda: None
            scan_entry = dict(base)
            rescan_entry = dict(base)
            try:
                dsn, cleanup = bench.fresh_db(kind, f"scan-{kind}")
                token = bench.setup_group(dsn, emu, f"scan-{kind}")
                base["registered"] = bench.register_fleet(dsn, emu, token, counts, f"scan-{kind}")
                cpu0 = emu.cpu()
                log(f"scan {kind}: kensa scan group")
                r = bench.kensa(dsn, "scan", "group", "bench", label=f"scan-{kind}", check=False, timed=True)
                emu_cpu = emu.cpu() - cpu0
                s = scan_summary(last_json(r["stdout"]))
                kensa_s = kensa_seconds(r, emu_cpu)
                scan_entry.update(base, status="ok" if r["rc"] == 0 else f"failed: exit {r['rc']}: {r['stderr'][-300:]}",
                                  summary=s, wall_s=r["wall_s"], emulator_cpu_s=emu_cpu, kensa_s=kensa_s,
                                  kensa_cpu_s=r["user_s"] + r["sys_s"], peak_rss_kib=r["peak_rss_kib"],
                                  findings_per_second=s["findings_seen"] / kensa_s)
                bench.peak(f"scan {kind}", "kensa scan group", r["peak_rss_kib"])
                log(f"scan {kind}: {s['findings_seen']} findings in {r['wall_s']:.2f} s wall ({emu_cpu:.2f} s emulator "
                    f"CPU), peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB, runs {s['statuses']}")
                if do_rescan:
                    fp0 = db_fingerprint(dsn)
                    cpu0 = emu.cpu()
                    log(f"rescan {kind}: kensa scan group (nothing changed)")
                    r2 = bench.kensa(dsn, "scan", "group", "bench", label=f"rescan-{kind}", check=False, timed=True)
                    emu_cpu2 = emu.cpu() - cpu0
                    s2 = scan_summary(last_json(r2["stdout"]))
                    fp1 = db_fingerprint(dsn)
                    kensa_s2 = kensa_seconds(r2, emu_cpu2)
                    rescan_entry.update(
                        base, status="ok" if r2["rc"] == 0 else f"failed: exit {r2['rc']}: {r2['stderr'][-300:]}",
                        summary=s2, wall_s=r2["wall_s"], emulator_cpu_s=emu_cpu2, kensa_s=kensa_s2,
                        kensa_cpu_s=r2["user_s"] + r2["sys_s"], peak_rss_kib=r2["peak_rss_kib"],
                        findings_per_second=s2["findings_seen"] / kensa_s2, rows_written=s2["rows_written"],
                        rows_unchanged=(fp0 == fp1) if fp0 is not None else "not checked (SQLite only)")
                    bench.peak(f"rescan {kind}", "kensa scan group", r2["peak_rss_kib"])
                    log(f"rescan {kind}: {r2['wall_s']:.2f} s wall ({emu_cpu2:.2f} s emulator CPU), rows_written "
                        f"{s2['rows_written']}, rows unchanged: {rescan_entry['rows_unchanged']}")
            except Skip as e:
                scan_entry["status"] = rescan_entry["status"] = f"skipped: {e}"
            except Failure as e:
                scan_entry.setdefault("status", f"failed: {e}")
                rescan_entry["status"] = f"failed: {e}" if "status" not in rescan_entry else rescan_entry["status"]
                log(f"scan {kind}: FAILED: {e}")
            finally:
                cleanup()
            if do_scan:
                bench.results["scan"].append(scan_entry)
            if do_rescan:
                if "status" not in rescan_entry:
                    rescan_entry["status"] = "skipped: the first scan did not complete"
                bench.results["rescan"].append(rescan_entry)
    except (Skip, Failure) as e:
        kind = "skipped" if isinstance(e, Skip) else "failed"
        for key, wanted in (("scan", do_scan), ("rescan", do_rescan)):
            if wanted:
                bench.results[key].append({"status": f"{kind}: {e}"})
        log(f"scan: {kind}: {e}")
    finally:
        if emu:
            emu.stop()


# ---------------------------------------------------------------------------------------------
# Scenario (d): advisory matching


def scenario_match(bench):
    binary = os.path.join(BIN, "kensa-bench-match")
    if not os.path.exists(binary):
        bench.results["match"].append({"status": f"skipped: {binary} not built (bench/CMakeLists.txt is not part of "
                                                 "the build yet: add_subdirectory(bench) under KENSA_BUILD_BENCH)"})
        return
    threads = [1]
    if (os.cpu_count() or 1) > 1:
        threads.append(os.cpu_count())
    for t in threads:
        try:
            log(f"match: {CONFIG['match_rows']} rows vs {CONFIG['match_ranges']} ranges, {t} thread(s)")
            r = run([binary, "--rows", str(CONFIG["match_rows"]), "--ranges", str(CONFIG["match_ranges"]),
                     "--packages", str(CONFIG["match_packages"]), "--threads", str(t), "--seed", str(CONFIG["seed"])])
            out = json.loads(r["stdout"])
            out.update(status="ok", wall_s=r["wall_s"], peak_rss_kib=r["peak_rss_kib"])
            bench.results["match"].append(out)
            bench.peak(f"match ({t} thread{'s' if t > 1 else ''})", "kensa-bench-match (AdvisoryIndex)",
                       r["peak_rss_kib"])
            log(f"match: build {out['build_seconds']:.2f} s, match {out['match_seconds']:.2f} s "
                f"({out['rows_per_second']:,.0f} rows/s), {out['matches']} matches, oracle mismatches "
                f"{out['oracle_mismatched_rows']}/{out['oracle_sample']}")
        except Failure as e:
            bench.results["match"].append({"threads": t, "status": f"failed: {e}"})


# ---------------------------------------------------------------------------------------------
# Scenario (e): the API under load

WRK_LUA = os.path.join(BENCH, "wrk", "paths.lua")


def seed_api_sqlite(path, gid, servers, tasks, software, vulns):
    per_task = max(1, tasks // servers)
    per_sw = max(1, software // servers)
    con = sqlite3.connect(path)
    con.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    statements = seed_statements(gid, servers, per_task, per_sw, vulns, "sqlite")
    for stmt in statements:
        con.execute(stmt)
        con.commit()
    con.executescript("PRAGMA journal_mode = WAL;")
    con.close()


def seed_statements(gid, servers, per_task, per_sw, vulns, dialect):
    """Synthetic rows in kensa's schema: EC2 servers with per_sw packages each, vulns
    vulnerabilities, per_task tasks per server (statuses mixed so filters select)."""
    if dialect == "sqlite":
        series = lambda name, a, b: (f"(WITH RECURSIVE {name}(v) AS (SELECT {a} UNION ALL SELECT v + 1 FROM {name} "
                                     f"WHERE v < {b}) SELECT v FROM {name})")
        fmt = "printf"
    else:
        series = lambda name, a, b: f"(SELECT generate_series({a}, {b}) AS v)"
        fmt = "format"
    vid = ("printf('CVE-2099-%05d', {x})" if dialect == "sqlite" else "'CVE-2099-' || lpad(({x})::text, 5, '0')")
    now = 1750000000
    return [
        f"INSERT INTO servers (group_id, kind, name, account_id, region, instance_id, platform, created_at) "
        f"SELECT {gid}, 'ec2', 'host-' || s.v, '123456789012', 'us-east-1', 'i-bench' || s.v, 'AMAZON_LINUX_2023', {now} "
        f"FROM {series('s', 1, servers)} s",
        f"INSERT INTO vulnerabilities (id, title, description, cvss3_score, cvss3_vector, severity) "
        f"SELECT {vid.format(x='n.v')}, {vid.format(x='n.v')} || ' - pkg-' || (n.v % 5000), "
        f"'Synthetic vulnerability of the API benchmark.', (n.v % 100) / 10.0, "
        f"'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', "
        f"CASE n.v % 4 WHEN 0 THEN 'CRITICAL' WHEN 1 THEN 'HIGH' WHEN 2 THEN 'MEDIUM' ELSE 'LOW' END "
        f"FROM {series('n', 0, vulns - 1)} n",
        f"INSERT INTO software (server_id, name, version, release, epoch, arch, type, ecosystem, package_manager, purl, "
        f"source, first_seen, last_seen) "
        f"SELECT s.id, 'pkg-' || ((s.id * 7 + k.v) % 5000), (k.v % 7) || '.' || (k.v % 13) || '.' || (s.id % 5), "
        f"'1.amzn2023', 0, 'x86_64', 'os_pkg', 'rpm', 'OS', "
        f"'pkg:rpm/amazon/pkg-' || ((s.id * 7 + k.v) % 5000) || '@' || (k.v % 7) || '.' || (k.v % 13) || '.' || "
        f"(s.id % 5) || '-1.amzn2023?arch=x86_64&distro=amzn-2023', 'inspector', {now}, {now} "
        f"FROM servers s CROSS JOIN {series('k', 0, per_sw - 1)} k WHERE s.group_id = {gid} ORDER BY s.id, k.v",
        f"INSERT INTO tasks (group_id, server_id, vulnerability_id, status, priority, created_at, updated_at) "
        f"SELECT {gid}, s.id, {vid.format(x=f'(s.id * 37 + k.v * 13) % {vulns}')}, "
        f"CASE (s.id * 31 + k.v) % 20 WHEN 10 THEN 'ONGOING' WHEN 11 THEN 'ONGOING' WHEN 12 THEN 'ONGOING' "
        f"WHEN 13 THEN 'INVESTIGATING' WHEN 14 THEN 'INVESTIGATING' WHEN 15 THEN 'PATCH_APPLIED' "
        f"WHEN 16 THEN 'PATCH_APPLIED' WHEN 17 THEN 'PATCH_APPLIED' WHEN 18 THEN 'DEFER' WHEN 19 THEN 'RISK_ACCEPTED' "
        f"ELSE 'NEW' END, CASE k.v % 4 WHEN 0 THEN 'HIGH' WHEN 1 THEN 'MEDIUM' WHEN 2 THEN 'LOW' ELSE 'NONE' END, "
        f"{now}, {now} FROM servers s CROSS JOIN {series('k', 0, per_task - 1)} k WHERE s.group_id = {gid} "
        f"ORDER BY s.id, k.v",
    ]


def wrk_run(port, token, paths_file, connections, duration, threads):
    env = dict(os.environ, BENCH_WRK_PATHS=paths_file)
    r = run(["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s", "--timeout",
             "30s", "-s", WRK_LUA, "-H", f"Authorization: Bearer {token}", f"http://127.0.0.1:{port}"], env=env,
            timeout=duration + 120)
    line = [l for l in r["stdout"].splitlines() if l.startswith("{")]
    if not line:
        raise Failure(f"wrk printed no result: {r['stdout'][-400:]} {r['stderr'][-400:]}")
    out = json.loads(line[-1])
    secs = out["duration_us"] / 1e6
    done = out["requests"] > 0
    ms = lambda key: out[key] / 1000 if done else None  # no completed request: no latency to report
    return {"connections": connections, "duration_s": round(secs, 2), "requests": out["requests"],
            "rps": out["requests"] / secs if secs else None, "p50_ms": ms("p50_us"), "p90_ms": ms("p90_us"),
            "p99_ms": ms("p99_us"), "max_ms": ms("max_us"), "mean_ms": ms("mean_us"), "errors": out["errors"],
            "mib_per_second": out["bytes"] / MIB / secs if secs else None}


def idle_latency(port, token, paths, count=5):
    """Latency of single requests, one at a time, on an otherwise idle server (stops early when
    one takes more than 5 s). Fails loudly on a 4xx/5xx before any load is applied."""
    api = Api(port, token)
    times, rows = [], 0
    try:
        for path in paths[:count]:
            t0 = time.monotonic()
            body = api.call("GET", path)
            times.append((time.monotonic() - t0) * 1000)
            rows = len(body.get("tasks", body.get("software", [])))
            if times[-1] > 5000:
                break
    finally:
        api.close()
    times.sort()
    # The same on a new connection per request (wrk and the keep-alive numbers above reuse one).
    fresh = []
    for path in paths[:count]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        t0 = time.monotonic()
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        conn.getresponse().read()
        fresh.append((time.monotonic() - t0) * 1000)
        conn.close()
        if fresh[-1] > 5000:
            break
    fresh.sort()
    return {"median_ms": times[len(times) // 2], "fresh_connection_median_ms": fresh[len(fresh) // 2],
            "samples": len(times), "rows": rows}


def wait_idle(srv, timeout):
    """Waits until the server uses less than 5% of a CPU over half a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        c0 = srv.cpu()
        time.sleep(0.5)
        if srv.cpu() - c0 < 0.025:
            return True
    return False


def scenario_api(bench):
    if not shutil.which("wrk"):
        bench.results["api"].append({"status": "skipped: wrk not installed (apt-get install wrk; scripts/deps.sh lists it)"})
        return
    servers, tasks, software = CONFIG["api_servers"], CONFIG["api_tasks"], CONFIG["api_software"]
    vulns = 2003  # prime, so each server's tasks name distinct vulnerabilities
    for kind in CONFIG["api_dbs"]:
        entry = {"db": kind, "dataset": {"servers": servers, "tasks": tasks, "software": software,
                                         "vulnerabilities": vulns, "how": "synthetic rows inserted with SQL after "
                                                                          "`kensa migrate` (see bench/README.md)"}}
        bench.results["api"].append(entry)
        cleanup = lambda: None
        srv = None
        try:
            dsn, cleanup = bench.fresh_db(kind, f"api-{kind}")
            bench.kensa(dsn, "migrate", label=f"api-{kind}-migrate")
            gid = last_json(bench.kensa(dsn, "group", "create", "bench", label=f"api-{kind}-group")["stdout"])["id"]
            token = last_json(bench.kensa(dsn, "user", "token", "bench-admin", "--admin",
                                          label=f"api-{kind}-token")["stdout"])["token"]
            t0 = time.monotonic()
            log(f"api {kind}: seeding {servers} servers, {tasks} tasks, {software} software rows")
            if kind == "sqlite":
                seed_api_sqlite(dsn[7:], gid, servers, tasks, software, vulns)
                entry["dataset"]["db_mib"] = round(os.path.getsize(dsn[7:]) / MIB, 1)
            else:
                name = dsn.rsplit("/", 1)[1]
                for stmt in seed_statements(gid, servers, max(1, tasks // servers), max(1, software // servers),
                                            vulns, "postgres"):
                    bench.pg.psql(name, stmt)
                bench.pg.psql(name, "ANALYZE")
            entry["dataset"]["seed_seconds"] = round(time.monotonic() - t0, 1)
            log(f"api {kind}: seeded in {entry['dataset']['seed_seconds']} s")
            srv = bench.serve(dsn, name=f"serve-api-{kind}")
            api = Api(srv.port, token)
            first_task = api.call("GET", f"/api/v1/groups/{gid}/tasks?limit=1")["tasks"][0]["id"]
            rng = random.Random(CONFIG["seed"])
            base = f"/api/v1/groups/{gid}"
            # The server ids are 1..servers in a fresh database (only this group's servers).
            server_ids = [s["id"] for s in api.call("GET", f"{base}/servers").get("servers", [])]
            if not server_ids:
                raise Failure("the seeded servers are not visible through the API")
            deep_from = first_task + tasks // 2
            endpoints = {
                "tasks?status": [f"{base}/tasks?status={rng.choice(['NEW', 'ONGOING', 'INVESTIGATING', 'PATCH_APPLIED'])}"
                                 f"&limit=100" for _ in range(64)],
                "tasks?server_id": [f"{base}/tasks?server_id={rng.choice(server_ids)}&limit=100" for _ in range(2000)],
                "tasks?vulnerability_id": [f"{base}/tasks?vulnerability_id=CVE-2099-{rng.randrange(vulns):05d}&limit=100"
                                           for _ in range(2000)],
                "tasks deep page": [f"{base}/tasks?after={rng.randrange(deep_from, first_task + tasks - 100)}&limit=100"
                                    for _ in range(2000)],
                "tasks?status deep page": [f"{base}/tasks?status=NEW&after="
                                           f"{rng.randrange(deep_from, first_task + tasks - 1000)}&limit=100"
                                           for _ in range(2000)],
                "software list": [f"{base}/servers/{rng.choice(server_ids)}/software" for _ in range(2000)],
            }
            # Deep pages of the software list need paging in the API; probe for it.
            probe = api.call("GET", f"{base}/servers/{server_ids[0]}/software?limit=10&after=0")
            paged = len(probe.get("software", [])) <= 10 and software // servers > 10
            if paged:
                per = software // servers
                endpoints["software deep page"] = [
                    f"{base}/servers/{rng.choice(server_ids)}/software?limit=100&after="
                    f"{rng.randrange(per // 2, per)}" for _ in range(2000)]
            else:
                entry["software_deep_page"] = ("skipped: GET .../servers/{id}/software has no paging yet (it ignores "
                                               "limit/after and returns all the server's rows; measured as "
                                               "'software list')")
            api.close()
            # Each endpoint gets a fresh `kensa serve` (a slow endpoint's backlog must not spill
            # into the next one) and, between connection counts, waits for the server to go
            # idle (restarted when it does not within 30 s).
            entry["endpoints"] = []
            peak = srv.stop().get("peak_rss_kib") or 0
            srv = None
            restarts = 0
            for name, paths in endpoints.items():
                pf = os.path.join(bench.work, "wrk-" + re.sub(r"[^a-z]+", "-", name) + ".txt")
                with open(pf, "w") as f:
                    f.write("\n".join(paths) + "\n")
                srv = bench.serve(dsn, name=f"serve-api-{kind}-{len(entry['endpoints'])}")
                idle = idle_latency(srv.port, token, paths)
                log(f"api {kind}: {name}: one request on an idle server takes {idle['median_ms']:.1f} ms on a "
                    f"keep-alive connection, {idle['fresh_connection_median_ms']:.1f} ms on a new one "
                    f"({idle['rows']} rows)")
                if CONFIG["wrk_warmup_s"] > 0:
                    wrk_run(srv.port, token, pf, CONFIG["wrk_connections"][0], CONFIG["wrk_warmup_s"],
                            CONFIG["wrk_threads"])
                for c in CONFIG["wrk_connections"]:
                    if not wait_idle(srv, 30):
                        peak = max(peak, srv.stop().get("peak_rss_kib") or 0)
                        srv = bench.serve(dsn, name=f"serve-api-{kind}-{len(entry['endpoints'])}-restart")
                        restarts += 1
                    res = wrk_run(srv.port, token, pf, c, CONFIG["wrk_duration_s"], CONFIG["wrk_threads"])
                    res.update(endpoint=name, example=paths[0].replace(base, "/api/v1/groups/G"),
                               rows_per_response=idle["rows"], idle_ms=idle["median_ms"],
                               idle_fresh_connection_ms=idle["fresh_connection_median_ms"])
                    entry["endpoints"].append(res)
                    if res["requests"]:
                        log(f"api {kind}: {name} c={c}: p50 {res['p50_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, "
                            f"{res['rps']:.0f} req/s, errors {res['errors']}")
                    else:
                        log(f"api {kind}: {name} c={c}: no request completed within {res['duration_s']} s")
                peak = max(peak, srv.stop().get("peak_rss_kib") or 0)
                srv = None
            entry["server_restarts"] = restarts
            entry["peak_rss_kib"] = peak
            entry["status"] = "ok"
            bench.peak(f"api {kind}", "kensa serve", peak)
        except Skip as e:
            entry["status"] = f"skipped: {e}"
        except Failure as e:
            entry["status"] = f"failed: {e}"
            log(f"api {kind}: FAILED: {e}")
        finally:
            if srv:
                srv.stop()
            cleanup()


def scenario_software(bench):
    """(g) The group software list (R18) over BENCH_SOFTWARE_ROWS rows: the first page, deep
    keyset pages and filtered pages, one request at a time on an idle `kensa serve`, beside the
    same page read straight from SQLite with Python's sqlite3 in the same run (the floor)."""
    rows, servers = CONFIG["software_rows"], CONFIG["software_servers"]
    for kind in CONFIG["software_dbs"]:
        entry = {"db": kind, "rows": rows, "servers": servers}
        bench.results["software"].append(entry)
        srv, cleanup = None, lambda: None
        try:
            dsn, cleanup = bench.fresh_db(kind, f"software-{kind}")
            bench.kensa(dsn, "migrate", label=f"software-{kind}-migrate")
            gid = last_json(bench.kensa(dsn, "group", "create", "bench", label=f"software-{kind}-group")["stdout"])["id"]
            token = last_json(bench.kensa(dsn, "user", "token", "bench-admin", "--admin",
                                          label=f"software-{kind}-token")["stdout"])["token"]
            t0 = time.monotonic()
            # Licenses and EOL cycles on the rows, so that their filters select (a third MIT, a
            # sixth GPL, one row in 50 of an EOL cycle with its item).
            extra = [
                "UPDATE software SET license_expression = CASE id % 6 WHEN 0 THEN 'GPL-3.0-only' WHEN 1 THEN "
                "'Apache-2.0' ELSE 'MIT' END, license_category = CASE id % 6 WHEN 0 THEN 'strong_copyleft' "
                "ELSE 'permissive' END, eol_product = CASE WHEN id % 50 = 0 THEN 'python' ELSE '' END, "
                "eol_cycle = CASE WHEN id % 50 = 0 THEN '3.7' ELSE '' END",
                "INSERT INTO eol_items (server_id, product, cycle, eol_at, first_seen, last_seen, updated_at) "
                "SELECT id, 'python', '3.7', 1687824000, 1750000000, 1750000000, 1750000000 FROM servers",
            ]
            if kind == "sqlite":
                seed_api_sqlite(dsn[7:], gid, servers, servers, rows, 2003)
                con = sqlite3.connect(dsn[7:])
                for stmt in extra:
                    con.execute(stmt)
                con.commit()
                con.close()
            else:
                name = dsn.rsplit("/", 1)[1]
                for stmt in seed_statements(gid, servers, 1, max(1, rows // servers), 2003, "postgres") + extra:
                    bench.pg.psql(name, stmt)
                bench.pg.psql(name, "ANALYZE")
            entry["seed_seconds"] = round(time.monotonic() - t0, 1)
            log(f"software {kind}: seeded {rows} rows on {servers} servers in {entry['seed_seconds']} s")
            srv = bench.serve(dsn, name=f"serve-software-{kind}")
            api = Api(srv.port, token)
            base = f"/api/v1/groups/{gid}/software"
            first = api.call("GET", f"{base}?limit=1")["software"][0]["id"]
            rng = random.Random(CONFIG["seed"])
            deep = lambda: first + rng.randrange(rows * 8 // 10, rows * 9 // 10)
            cases = {
                "first page": lambda: f"{base}?limit=100",
                "deep page (after 80-90% of the rows)": lambda: f"{base}?limit=100&after={deep()}",
                "deep page, license_category=strong_copyleft": lambda: f"{base}?limit=100&license_category="
                                                                       f"strong_copyleft&after={deep()}",
                "deep page, license=Apache-2.0": lambda: f"{base}?limit=100&license=Apache-2.0&after={deep()}",
                "deep page, eol_state=EOL": lambda: f"{base}?limit=100&eol_state=EOL&after={deep()}",
                "name=pkg-N (where is X used)": lambda: f"{base}?limit=100&name=pkg-{rng.randrange(5000)}",
                "name + version_range": lambda: f"{base}?limit=100&name=pkg-{rng.randrange(5000)}"
                                                f"&version_range=%3E%3D1.0,%3C5.0",
            }
            entry["cases"] = []
            for label, make in cases.items():
                times, got = [], 0
                for _ in range(CONFIG["software_samples"]):
                    path = make()
                    t1 = time.monotonic()
                    body = api.call("GET", path)
                    times.append((time.monotonic() - t1) * 1000)
                    got = len(body["software"])
                times.sort()
                case = {"case": label, "example": make().replace(base, "/api/v1/groups/G/software"), "rows": got,
                        "median_ms": times[len(times) // 2], "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
                        "max_ms": times[-1]}
                entry["cases"].append(case)
                log(f"software {kind}: {label}: median {case['median_ms']:.1f} ms, max {case['max_ms']:.1f} ms "
                    f"({got} rows)")
            api.close()
            if kind == "sqlite":
                con = sqlite3.connect(dsn[7:])
                t1 = time.monotonic()
                for _ in range(CONFIG["software_samples"]):
                    con.execute("SELECT * FROM software WHERE id > ? ORDER BY id LIMIT 100", (deep(),)).fetchall()
                entry["floor_deep_page_ms"] = (time.monotonic() - t1) * 1000 / CONFIG["software_samples"]
                con.close()
            entry["peak_rss_kib"] = srv.stop().get("peak_rss_kib") or 0
            srv = None
            bench.peak(f"software {kind}", "kensa serve", entry["peak_rss_kib"])
            entry["status"] = "ok"
        except Skip as e:
            entry["status"] = f"skipped: {e}"
        except Failure as e:
            entry["status"] = f"failed: {e}"
            log(f"software {kind}: FAILED: {e}")
        finally:
            if srv:
                srv.stop()
            cleanup()


# ---------------------------------------------------------------------------------------------
# Report


def fmt(v, digits=2):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:.{digits}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def mib(kib):
    return fmt(kib / 1024, 0) if kib else "–"


def goals(results):
    """Each target with the measured value and whether it is met (goals, not gates)."""
    rows = []
    imports = [e for e in results["scenarios"]["import"] if e.get("db") == "sqlite" and e.get("status", "").startswith("ok")]
    if imports:
        big = max(imports, key=lambda e: e.get("scan_run", {}).get("components_imported", 0))
        cps = big["components_per_second"]
        rows.append(("SBOM import ≥ 250,000 components/s (SQLite, size %s)" % big["size"], f"{cps:,.0f} components/s",
                     cps >= TARGETS["import_components_per_second"]))
        ratio = big.get("ratios", {}).get("kensa_vs_floor")
        rows.append(("SBOM import within 2x the parse+insert floor", f"{fmt(ratio)}x the floor's time" if ratio else "–",
                     ratio is not None and ratio <= TARGETS["import_floor_ratio"]))
        peak = max(e["peak_rss_kib"] for e in imports) / 1024
        rows.append(("SBOM import peak RSS ≤ 256 MiB", f"{peak:.0f} MiB", peak <= TARGETS["import_peak_rss_mib"]))
    else:
        reason = next((e.get("status") for e in results["scenarios"]["import"] if e.get("db") == "sqlite"), "not run")
        rows.append(("SBOM import ≥ 250,000 components/s, within 2x the floor, ≤ 256 MiB", reason, None))
    scans = [e for e in results["scenarios"]["scan"] if e.get("status") == "ok"]
    if scans:
        s = scans[0]
        rows.append((f"{s['summary']['findings_seen']:,} findings ingested ≤ 5 s excluding emulator time",
                     f"{s['kensa_s']:.2f} s", s["kensa_s"] <= TARGETS["scan_seconds"]))
    else:
        rows.append(("100k findings ingested ≤ 5 s", next((e.get("status") for e in results["scenarios"]["scan"]), "not run"),
                     None))
    rescans = [e for e in results["scenarios"]["rescan"] if e.get("status") == "ok"]
    if rescans:
        s = rescans[0]
        rows.append(("unchanged rescan ≤ 2 s with zero row writes",
                     f"{s['kensa_s']:.2f} s, rows_written {s['rows_written']}, rows unchanged: {s['rows_unchanged']}",
                     s["kensa_s"] <= TARGETS["rescan_seconds"] and s["rows_written"] == 0 and s["rows_unchanged"] is not False))
    else:
        rows.append(("unchanged rescan ≤ 2 s, zero writes",
                     next((e.get("status") for e in results["scenarios"]["rescan"]), "not run"), None))
    matches = [e for e in results["scenarios"]["match"] if e.get("status") == "ok" and e.get("threads") == 1]
    if matches:
        m = matches[0]
        total = m["build_seconds"] + m["match_seconds"]
        rows.append((f"matching {m['rows']:,} rows vs {m['ranges']:,} ranges ≤ 10 s (1 thread, build + match)",
                     f"{total:.2f} s (build {m['build_seconds']:.2f} + match {m['match_seconds']:.2f})",
                     total <= TARGETS["match_seconds"]))
    else:
        rows.append(("matching 1M rows vs 200k ranges ≤ 10 s",
                     next((e.get("status") for e in results["scenarios"]["match"]), "not run"), None))
    apis = [e for e in results["scenarios"]["api"] if e.get("status") == "ok" and e.get("db") == "sqlite"]
    if apis:
        a = apis[0]
        at = [x for x in a["endpoints"] if x["connections"] == max(CONFIG["wrk_connections"])]
        if at:
            goal = (f"API p99 ≤ 50 ms at {at[0]['connections']} connections ({a['dataset']['tasks']:,} tasks, "
                    f"{a['dataset']['software']:,} software rows)")
            stuck = [x["endpoint"] for x in at if not x["requests"]]
            worst = max((x for x in at if x["requests"]), key=lambda x: x["p99_ms"], default=None)
            measured = f"worst p99 {worst['p99_ms']:,.1f} ms ({worst['endpoint']})" if worst else ""
            if stuck:
                measured += (("; " if measured else "") + "no request completed within the run: " + ", ".join(stuck))
            met = sum(1 for x in at if x["requests"] and x["p99_ms"] <= TARGETS["api_p99_ms"])
            rows.append((goal, f"{measured} ({met} of {len(at)} endpoints meet it)",
                         not stuck and worst is not None and worst["p99_ms"] <= TARGETS["api_p99_ms"]))
    else:
        rows.append(("API p99 ≤ 50 ms at 256 connections",
                     next((e.get("status") for e in results["scenarios"]["api"]), "not run"), None))
    return rows


def markdown(results):
    m, b = results["machine"], results["build"]
    out = [f"# kensa benchmark results", "",
           f"Run {results['started_at']} ({results['duration_s'] / 60:.1f} min), commit `{b.get('git_commit')}`"
           f"{' (with uncommitted changes)' if b.get('git_dirty') else ''}, `make bench` / `bench/run.sh` with "
           f"BENCH_SIZES={','.join(CONFIG['sizes'])}. Generated by bench/bench.py; the JSON of the run is in "
           f"bench/results/. Methodology: bench/README.md. Profiles of the missed targets, with the "
           f"numbers before and after each fix: bench/PROFILING.md.", ""]
    if results.get("interrupted_by_signal"):
        out += [f"**Interrupted by signal {results['interrupted_by_signal']}: the scenarios after that point are "
                f"missing.**", ""]
    out += [
           f"Machine: {m.get('nproc')} CPUs ({m.get('cpu_model')}), {m.get('ram_gib')} GiB RAM, Linux {m.get('kernel')}, "
           f"{m.get('os', '')}; load average at start {', '.join(f'{x:.2f}' for x in m['loadavg_start'])}, at end "
           f"{', '.join(f'{x:.2f}' for x in m.get('loadavg_end', ()))}, 1-minute load when each scenario started: "
           f"{', '.join(f'{k} {v[0]:.1f}' for k, v in m.get('loadavg_by_scenario', {}).items())} (a shared machine: "
           f"numbers move by tens of percent between runs).", "",
           f"Build: {b.get('cmake_build_type', '?')} ({b.get('cmake_cxx_flags_release', '')}), {b.get('compiler', '?')}, "
           f"kensa binary built {b.get('kensa_built_at', '?')} in {os.path.relpath(b.get('bin_dir') or BIN, ROOT)}; "
           f"SQLite {b['versions'].get('sqlite')}, {b['versions'].get('postgres') or 'PostgreSQL –'}, simdjson "
           f"{b['versions'].get('simdjson')}, {b['versions'].get('jq')}, {b['versions'].get('wrk') or 'wrk –'}.", "",
           "## Goals (targets of issue 8: goals, not gates)", "", "| goal | measured | met |", "| --- | --- | --- |"]
    for goal, measured, met in goals(results):
        out.append(f"| {goal} | {measured} | {'yes' if met else ('no' if met is False else '–')} |")
    sc = results["scenarios"]

    out += ["", "## (a) SBOM import, emulator → kensa", "",
            "kensa = `kensa sbom export --group G` wall time minus the emulator's CPU time during it (export, "
            "S3 listing and GETs); floor = simdjson DOM parse + SQLite prepared inserts of the same documents "
            "(best of %d); ratio = kensa time / floor time per component." % CONFIG["floor_repeat"], "",
            "| size | db | status | components | wall s | emulator CPU s | kensa s | components/s | peak RSS MiB "
            "| floor parse s | floor insert s | kensa / floor | kensa / parse | kensa / insert | jq s | kensa / jq |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    if not sc["import"]:
        out.append("| not run (BENCH_SCENARIOS) |" + " |" * 15)
    for e in sc["import"]:
        f = e.get("floors", {})
        fp = f.get("parse", {})
        fi = f.get("insert", {})
        fj = f.get("jq", {})
        ra = e.get("ratios", {})
        out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            e.get("size"), e.get("db", "–"), short(e.get("status")),
            fmt(e.get("scan_run", {}).get("components_imported")), fmt(e.get("wall_s")), fmt(e.get("emulator_cpu_s")),
            fmt(e.get("kensa_s")), fmt(e.get("components_per_second")), mib(e.get("peak_rss_kib")),
            fmt(fp.get("parse_seconds"), 3), fmt(fi.get("insert_seconds"), 3), fmt(ra.get("kensa_vs_floor")),
            fmt(ra.get("kensa_vs_parse")), fmt(ra.get("kensa_vs_insert")), fmt(fj.get("seconds")),
            fmt(ra.get("kensa_vs_jq"))))
    floors_seen = {}
    for e in sc["import"]:
        f = e.get("floors")
        if f and e.get("size") not in floors_seen:
            floors_seen[e["size"]] = f
    if floors_seen:
        out += ["", "Floors and naive peer alone (same SBOM bytes):", "",
                "| size | documents | MiB | components | parse s | parse components/s | insert s | insert rows/s "
                "| parse+insert components/s | jq s | jq components/s | floors status |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for size, f in floors_seen.items():
            fp, fi, fj = f.get("parse", {}), f.get("insert", {}), f.get("jq", {})
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                size, fmt(fp.get("files")), fmt((fp.get("bytes") or 0) / MIB, 1) if fp else "–", fmt(fp.get("components")),
                fmt(fp.get("parse_seconds"), 3), fmt(fp.get("components_per_second")), fmt(fi.get("insert_seconds"), 3),
                fmt(fi.get("rows_per_second")), fmt(f.get("floor_components_per_second")), fmt(fj.get("seconds")),
                fmt(fj.get("components_per_second")), short(f.get("status"))))

    out += ["", "## (b) Inspector findings scan and (c) unchanged rescan", "",
            "kensa = `kensa scan group G` wall time minus the emulator's CPU time during it.", "",
            "| scenario | db | status | findings | runs | wall s | emulator CPU s | kensa s | findings/s | rows written "
            "| peak RSS MiB |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    if not sc["scan"] and not sc["rescan"]:
        out.append("| not run (BENCH_SCENARIOS) |" + " |" * 10)
    for key in ("scan", "rescan"):
        for e in sc[key]:
            s = e.get("summary", {})
            extra = ""
            if key == "rescan" and "rows_unchanged" in e:
                extra = f" (rows unchanged: {e['rows_unchanged']})"
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                key, e.get("db", "–"), short(e.get("status")), fmt(s.get("findings_seen")), fmt(s.get("runs")),
                fmt(e.get("wall_s")), fmt(e.get("emulator_cpu_s")), fmt(e.get("kensa_s")),
                fmt(e.get("findings_per_second")), fmt(s.get("rows_written")) + extra, mib(e.get("peak_rss_kib"))))

    out += ["", "## (d) Advisory matching (kensa::advisory::AdvisoryIndex)", "",
            "| threads | status | rows | ranges | advisories | build s | match s | rows/s | rows matched | matches "
            "| index MiB | peak RSS MiB | oracle mismatches |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- "
                                                              "| --- | --- | --- | --- |"]
    if not sc["match"]:
        out.append("| not run (BENCH_SCENARIOS) |" + " |" * 12)
    for e in sc["match"]:
        out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            fmt(e.get("threads")), short(e.get("status")), fmt(e.get("rows")), fmt(e.get("ranges")),
            fmt(e.get("advisories")), fmt(e.get("build_seconds")), fmt(e.get("match_seconds")),
            fmt(e.get("rows_per_second")), fmt(e.get("rows_matched")), fmt(e.get("matches")),
            mib(e.get("index_rss_kib")), mib(e.get("peak_rss_kib")),
            f"{e['oracle_mismatched_rows']}/{e['oracle_sample']}" if "oracle_sample" in e else "–"))

    out += ["", "## (e) REST API under wrk", ""]
    if not sc["api"]:
        out.append("Not run (BENCH_SCENARIOS).")
    for e in sc["api"]:
        d = e.get("dataset", {})
        out.append(f"{e.get('db', '–')}: {short(e.get('status'))}; {fmt(d.get('servers'))} servers, {fmt(d.get('tasks'))} "
                   f"tasks, {fmt(d.get('software'))} software rows (seeded in {fmt(d.get('seed_seconds'))} s); kensa serve "
                   f"peak RSS {mib(e.get('peak_rss_kib'))} MiB; wrk {CONFIG['wrk_threads']} threads, "
                   f"{CONFIG['wrk_duration_s']} s per run.")
        if e.get("software_deep_page"):
            out.append(f"Software deep pages: {e['software_deep_page']}.")
        if e.get("endpoints"):
            out += ["", "| endpoint | example | rows | idle ms (keep-alive / new conn.) | connections | requests "
                        "| p50 ms | p99 ms | max ms | req/s | errors |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for x in e["endpoints"]:
                errs = sum(x["errors"].values())
                out.append(f"| {x['endpoint']} | `{x['example']}` | {x['rows_per_response']} | {fmt(x.get('idle_ms'), 1)} "
                           f"/ {fmt(x.get('idle_fresh_connection_ms'), 1)} "
                           f"| {x['connections']} | {fmt(x['requests'])} | {fmt(x['p50_ms'], 1)} | {fmt(x['p99_ms'], 1)} "
                           f"| {fmt(x['max_ms'], 1)} | {fmt(x['rps'], 0)} | "
                           f"{errs if errs else 0}{' ' + json.dumps(x['errors']) if errs else ''} |")
            out += ["", "idle ms: one request at a time on an idle server (median of 5), on one keep-alive "
                        "connection as wrk uses, and on a new connection per request. p50/p99 are wrk's, over the "
                        "requests that completed within the run; – when none did."]
        out.append("")

    out += ["## (g) The group software list (R18)", ""]
    if not sc.get("software"):
        out.append("Not run (BENCH_SCENARIOS).")
    for e in sc.get("software", []):
        out.append(f"{e.get('db', '–')}: {short(e.get('status'))}; {fmt(e.get('rows'))} software rows on "
                   f"{fmt(e.get('servers'))} servers of one group (seeded in {fmt(e.get('seed_seconds'))} s); "
                   f"{CONFIG['software_samples']} requests per case, one at a time, keep-alive; kensa serve peak RSS "
                   f"{mib(e.get('peak_rss_kib'))} MiB. Floor: the same deep page straight from SQLite (Python "
                   f"sqlite3, no HTTP, no JSON): {fmt(e.get('floor_deep_page_ms'), 2)} ms.")
        if e.get("cases"):
            out += ["", "| case | example | rows | median ms | p99 ms | max ms | under 100 ms |",
                    "| --- | --- | --- | --- | --- | --- | --- |"]
            for c in e["cases"]:
                out.append(f"| {c['case']} | `{c['example']}` | {c['rows']} | {fmt(c['median_ms'], 1)} | "
                           f"{fmt(c['p99_ms'], 1)} | {fmt(c['max_ms'], 1)} | "
                           f"{'yes' if c['max_ms'] < TARGETS['software_page_ms'] else 'no'} |")
        out.append("")

    out += ["## (f) Peak RSS of kensa per scenario", "", "| scenario | process | peak RSS MiB |", "| --- | --- | --- |"]
    for p in results["peak_rss"]:
        out.append(f"| {p['scenario']} | {p['process']} | {fmt(p['peak_rss_mib'], 0)} |")
    skipped = [(k, e) for k, es in sc.items() for e in es if str(e.get("status", "")).startswith(("skipped", "failed"))]
    if skipped:
        out += ["", "## Skipped or failed", ""]
        for k, e in skipped:
            where = " ".join(str(e[x]) for x in ("size", "db", "threads") if x in e)
            out.append(f"- {k} {where}: {e['status']}")
    return "\n".join(out) + "\n"


def short(status):
    if not status:
        return "–"
    s = str(status)
    return s if s == "ok" or len(s) < 40 else s.split(":", 1)[0] + " (see below)"


# ---------------------------------------------------------------------------------------------


def main():
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    for binary in (KENSA, EMULATOR):
        if not os.access(binary, os.X_OK):
            print(f"bench: {binary} not found; build first (make) or set KENSA_BIN_DIR", file=sys.stderr)
            return 1
    started = datetime.datetime.now(datetime.timezone.utc)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    work = os.environ.get("BENCH_WORK") or tempfile.mkdtemp(prefix="kensa-bench.", dir=os.environ.get("TMPDIR", "/tmp"))
    os.makedirs(work, exist_ok=True)
    log(f"work dir {work}; sizes {CONFIG['sizes']}; scenarios {CONFIG['scenarios']}; dbs {CONFIG['dbs']}")
    bench = Bench(work)
    results = {"schema": 1, "started_at": started.isoformat(timespec="seconds"), "config": CONFIG, "targets": TARGETS,
               "machine": machine_info(), "build": build_info()}
    t0 = time.monotonic()
    interrupted = None
    try:
        wanted = set(CONFIG["scenarios"])
        for name in sorted(wanted - {"import", "scan", "rescan", "match", "api", "software"}):
            log(f"unknown scenario '{name}' ignored (import, scan, rescan, match, api, software)")
        loads = results["machine"]["loadavg_by_scenario"] = {}
        if "import" in wanted:
            loads["import"] = os.getloadavg()
            scenario_import(bench)
        if "scan" in wanted or "rescan" in wanted:
            loads["scan"] = os.getloadavg()
            scenario_scan(bench, "scan" in wanted, "rescan" in wanted)
        if "match" in wanted:
            loads["match"] = os.getloadavg()
            scenario_match(bench)
        if "api" in wanted:
            loads["api"] = os.getloadavg()
            scenario_api(bench)
        if "software" in wanted:
            loads["software"] = os.getloadavg()
            scenario_software(bench)
    except Interrupted as e:
        interrupted = e.args[0]
    finally:
        kill_children()
        if bench.pg:
            try:
                results["build"]["versions"]["postgres_server"] = bench.pg.version()
            except Failure:
                pass
            bench.pg.stop()
    if interrupted:
        results["interrupted_by_signal"] = interrupted
    results["scenarios"] = bench.results
    results["peak_rss"] = bench.peaks
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["duration_s"] = round(time.monotonic() - t0, 1)
    results["finished_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    outdir = os.environ.get("BENCH_RESULTS_DIR", os.path.join(BENCH, "results"))
    os.makedirs(outdir, exist_ok=True)
    json_path = os.path.join(outdir, f"{stamp}.json")
    with open(json_path, "w") as f:
        json.dump(results, f, indent=2, default=str)
        f.write("\n")
    md = markdown(results)
    with open(os.path.join(outdir, f"{stamp}.md"), "w") as f:
        f.write(md)
    copied = os.environ.get("BENCH_UPDATE_RESULTS_MD", "1") == "1"
    if copied:
        with open(os.path.join(BENCH, "RESULTS.md"), "w") as f:
            f.write(md)
    print(md)
    log(f"results: {json_path} (+ .md){'; summary copied to bench/RESULTS.md' if copied else ''}")
    if os.environ.get("BENCH_KEEP") == "1":
        log(f"kept work dir {work}")
    elif not os.environ.get("BENCH_WORK"):
        shutil.rmtree(work, ignore_errors=True)
    failed = [e for es in bench.results.values() for e in es if str(e.get("status", "")).startswith("failed")]
    if interrupted:
        return 128 + interrupted
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
