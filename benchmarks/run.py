"""One command, one table: how fast we extract and load, side by side with quantulum3.

    python -m benchmarks.run [--smoke] [--out FILE] [--pages 20000]

Figures (see benchmarks/README.md for what each row means):
  * extraction throughput, one process, on an English and on a mixed corpus (MB/s, articles/s);
  * quantulum3, sentence by sentence, on a slice of the same English corpus, and the ratio;
  * load throughput: facts/s into DuckDB, and articles/s of `warehouse load` end to end at
    --workers 1 and 2;
  * peak memory of `warehouse load` at 1x, 4x and 16x corpus size;
  * with --pages N: a WARC.gz of N news pages with furniture loaded end to end (benchmarks/pages.py).
  * with --adversarial, extraction MB/s on adversarial texts beside news (benchmarks/adversarial.py).
Every corpus is generated on the fly into a temporary directory (benchmarks/corpus.py) and removed
afterwards (unless --keep). `--smoke` runs the same code paths on a tiny corpus; CI runs only that.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import corpus as C

MB = 1e6


# --------------------------------------------------------------------------------------------
# Sizes

@dataclass(frozen=True)
class Sizes:
    en_bytes: int          # English corpus (extraction, quantulum3 slice)
    mixed_bytes: int       # mixed corpus (extraction, warehouse load end to end)
    q3_bytes: int          # slice of the English corpus given to quantulum3
    facts: int             # facts inserted for the load-throughput row
    mem_base_bytes: int    # 1x corpus of the memory rows (then 4x and 16x)
    link_mentions: int = 1_000_000  # synthetic mentions linked from scratch, then one batch against them
    six_cli_bytes: int = int(10 * MB)  # six-language corpus of `warehouse extract --workers 1`, whole process


FULL = Sizes(en_bytes=int(20 * MB), mixed_bytes=int(20 * MB), q3_bytes=int(1 * MB), facts=1_000_000,
             mem_base_bytes=int(20 * MB))   # 1x is the mixed corpus itself, as the issue defines it
SMOKE = Sizes(en_bytes=150_000, mixed_bytes=400_000, q3_bytes=15_000, facts=20_000, mem_base_bytes=20_000,
              link_mentions=3_000, six_cli_bytes=100_000)

TARGET_Q3_RATIO = 100.0       # ours / quantulum3 on English (issue 17)
TARGET_MIXED_MBPS = 2.0       # MB/s per core, mixed corpus
TARGET_SIX_MBPS = 4.0         # MB/s on one core, all six languages (issue 17)
TARGET_WORKERS_SPEEDUP = 1.7  # warehouse load --workers 2 / --workers 1 (issue 17)
TARGET_FACTS_PER_S = 500_000  # facts/s into DuckDB
TARGET_MEM_FLAT = 0.20        # peak RSS at 16x within 20% of 1x
TARGET_LINK_SCRATCH_S = 600   # 1M mentions linked from scratch: minutes
TARGET_LINK_BATCH_S = 1.0     # one 64-article batch linked against 1M mentions


# --------------------------------------------------------------------------------------------
# The table

@dataclass
class Row:
    metric: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None    # None: no target for this row
    note: str = ""

    def value_text(self) -> str:
        if self.value is None:
            return "n/a"
        v = self.value
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.3g}" if abs(v) < 1 else f"{v:.2f}"

    def result_text(self) -> str:
        return "" if self.passed is None else ("PASS" if self.passed else "FAIL")


@dataclass
class Report:
    machine: list[tuple[str, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kw) -> Row:
        row = Row(*args, **kw)
        self.rows.append(row)
        return row

    def text(self) -> str:
        head = ("Metric", "Value", "Unit", "Target", "Result", "Note")
        body = [(r.metric, r.value_text(), r.unit, r.target, r.result_text(), r.note) for r in self.rows]
        widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
        line = lambda cells: "  ".join(c.rjust(w) if i == 1 else c.ljust(w)  # noqa: E731
                                       for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
        out = ["Machine: " + "; ".join(f"{k} {v}" for k, v in self.machine), "",
               line(head), line(["-" * w for w in widths])]
        out += [line(b) for b in body]
        if self.notes:
            out += [""] + [f"* {n}" for n in self.notes]
        return "\n".join(out)

    def markdown(self) -> str:
        out = ["| Machine | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in self.machine]
        out += ["", "| Metric | Value | Unit | Target | Result | Note |", "|---|---:|---|---|---|---|"]
        out += [f"| {r.metric} | {r.value_text()} | {r.unit} | {r.target} | {r.result_text()} | {r.note} |"
                for r in self.rows]
        if self.notes:
            out += [""] + [f"* {n}" for n in self.notes]
        return "\n".join(out)

    def as_json(self) -> dict:
        return {"machine": dict(self.machine), "notes": self.notes,
                "rows": [{"metric": r.metric, "value": r.value, "unit": r.unit, "target": r.target,
                          "passed": r.passed, "note": r.note} for r in self.rows]}


# --------------------------------------------------------------------------------------------
# Machine

def machine_info() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import duckdb
    info = [("CPU", cpu), ("cores", str(cores)), ("memory", mem),
            ("Python", platform.python_version()), ("duckdb", duckdb.__version__)]
    try:
        import pyarrow
        info.append(("pyarrow", pyarrow.__version__))
    except ImportError:
        pass
    try:
        import extractors
        import extractors.engine
        info.append(("extractor", extractors.EXTRACTOR_VERSION))
        # setup.py compiles the engine with mypyc; a pure-Python install runs about 2.3x slower
        compiled = not extractors.engine.__file__.endswith(".py")
        info.append(("engine build", "compiled (mypyc)" if compiled else "pure Python"))
    except Exception:  # noqa: BLE001 - the version is informative only
        pass
    return info


# --------------------------------------------------------------------------------------------
# Extraction, in this process

def _published(art: dict):
    import datetime as dt
    try:
        return dt.date.fromisoformat(art["published"]) if art.get("published") else None
    except ValueError:
        return None


def bench_extraction(path: Path) -> dict:
    """Time `extractors.extract` over every article of a corpus (reading and JSON decoding not timed)."""
    from extractors import extract
    # warm up: compile every language table outside the clock
    seen = set()
    for art in C.read_corpus(path):
        if art["lang"] not in seen:
            seen.add(art["lang"])
            extract(art["text"], art["lang"], _published(art))
    n_art = n_bytes = n_q = 0
    elapsed = 0.0
    clock = time.perf_counter
    for art in C.read_corpus(path):
        text, lang, pub = art["text"], art["lang"], _published(art)
        t0 = clock()
        qs = extract(text, lang, pub)
        elapsed += clock() - t0
        n_art += 1
        n_bytes += len(text.encode("utf-8"))
        n_q += len(qs)
    elapsed = max(elapsed, 1e-9)
    return {"articles": n_art, "bytes": n_bytes, "quantities": n_q, "seconds": elapsed,
            "mb_s": n_bytes / MB / elapsed, "art_s": n_art / elapsed}


def bench_quantulum(path: Path, slice_bytes: int) -> dict:
    """quantulum3 on the first `slice_bytes` of the corpus, one `parser.parse` call per sentence."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
        parser.parse("The pipeline carried 63 million tonnes of oil in 2024, up 5%.")  # warm up (loads its data)
    sentences: list[str] = []
    n_art = n_bytes = 0
    for art in C.read_corpus(path):
        if n_bytes >= slice_bytes:
            break
        sentences.extend(C.split_sentences(art["text"]))
        n_art += 1
        n_bytes += len(art["text"].encode("utf-8"))
    n_q = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        for s in sentences:
            n_q += len(parser.parse(s))
        elapsed = max(time.perf_counter() - t0, 1e-9)
    return {"articles": n_art, "bytes": n_bytes, "sentences": len(sentences), "quantities": n_q,
            "seconds": elapsed, "mb_s": n_bytes / MB / elapsed, "art_s": n_art / elapsed}


# --------------------------------------------------------------------------------------------
# warehouse load, as a subprocess, with its peak memory

def warehouse_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("warehouse")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("warehouse")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from warehouse.cli import main; sys.exit(main())"]


def warehouse_available() -> bool:
    try:
        import warehouse.cli  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, rss bytes) for every process we can read."""
    page = os.sysconf("SC_PAGE_SIZE")
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(name)] = (int(fields[1]), int(fields[21]) * page)
        except (OSError, ValueError, IndexError):
            continue
    return table


class TreeRssSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants (workers included)."""

    def __init__(self, root_pid: int, skip_root: bool, interval: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.skip_root, self.interval = root_pid, skip_root, interval
        self.peak = 0
        self._halt = threading.Event()

    def run(self):
        if not Path("/proc/self/stat").exists():
            return
        while not self._halt.is_set():
            table = _proc_table()
            children: dict[int, list[int]] = {}
            for pid, (ppid, _) in table.items():
                children.setdefault(ppid, []).append(pid)
            total, stack = 0, [self.root]
            while stack:
                pid = stack.pop()
                if pid in table and not (self.skip_root and pid == self.root):
                    total += table[pid][1]
                stack.extend(children.get(pid, ()))
            self.peak = max(self.peak, total)
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()


def run_measured(cmd: list[str], workdir: Path) -> dict:
    """Run `cmd`; wall time, peak RSS of its largest process, peak RSS of its process tree."""
    time_bin = Path("/usr/bin/time")
    timefile = workdir / "time-v.txt"
    use_time = time_bin.exists()
    full = [str(time_bin), "-v", "-o", str(timefile), *cmd] if use_time else cmd
    before = None
    if not use_time:
        import resource
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeRssSampler(proc.pid, skip_root=use_time)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    max_rss = None
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timefile.read_text())
        max_rss = int(m.group(1)) * 1024 if m else None
    else:
        import resource
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # ru_maxrss of children is a running maximum: only meaningful when it grew in this run
        max_rss = after * 1024 if after > before else None
    return {"seconds": wall, "max_rss": max_rss, "tree_rss": sampler.peak or None, "stdout": out, "stderr": err,
            "rss_source": "/usr/bin/time -v" if use_time else "getrusage(RUSAGE_CHILDREN)"}


def warehouse_count(db: Path) -> int:
    """Facts in a warehouse file, through the CLI's query command."""
    for sql in ("SELECT count(*) AS n FROM fact_quantity", "SELECT count(*) AS n FROM v_quantities"):
        proc = subprocess.run([*warehouse_cmd(), "query", sql, "--db", str(db), "--format", "json"],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            return _first_int(proc.stdout)
    raise RuntimeError(f"warehouse query failed: {proc.stderr[-2000:]}")


def _first_int(text: str) -> int:
    text = text.strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    while isinstance(data, list):
        data = data[0]
    if isinstance(data, dict):
        data = next(iter(data.values()))
    return int(data)


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU seconds of `cmd` and every process it starts (output discarded)."""
    import resource

    def used() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    before = used()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return used() - before


def warehouse_load(paths: list[Path], db: Path, workers: int, workdir: Path) -> dict:
    if db.exists():
        db.unlink()
    cmd = [*warehouse_cmd(), "load", *map(str, paths), "--db", str(db), "--workers", str(workers), "--quiet"]
    res = run_measured(cmd, workdir)
    res["facts"] = warehouse_count(db)
    return res


# --------------------------------------------------------------------------------------------
# Facts into DuckDB

def bench_fact_insert(corpus_path: Path, n_facts: int, workdir: Path) -> dict:
    """Insert >= n_facts pre-extracted facts through the project's loader code path.

    See benchmarks/loadpath.py for how the loader is reached; it reports which path it took.
    """
    from benchmarks import loadpath
    return loadpath.bench_insert(corpus_path, n_facts, workdir)


# --------------------------------------------------------------------------------------------

ADVERSARIAL_BYTES = 1 << 20         # one article of each adversarial shape: 1 MiB
TARGET_ADVERSARIAL_S_PER_MIB = 10.0  # any shape: 1 MiB extracted in under 10 s


def add_adversarial_rows(rep: Report, nbytes: int) -> None:
    from benchmarks import adversarial
    for r in adversarial.measure(nbytes, list(adversarial.SHAPES)):
        s_per_mib = r["seconds"] / (r["bytes"] / (1 << 20))
        news = r["shape"] == "news"
        rep.add(f"extraction adversarial: {r['shape']}", r["mb_per_s"], "MB/s",
                "" if news else f"< {TARGET_ADVERSARIAL_S_PER_MIB:g} s/MiB",
                None if news else s_per_mib < TARGET_ADVERSARIAL_S_PER_MIB,
                note=f"{r['what']}; {r['quantities']:,} quantities, {s_per_mib:.1f} s/MiB, "
                     f"{r['cpu_mb_per_s']:.3f} MB/s of CPU time")


def _mb(x: float) -> str:
    return f"{x:.1f} MB" if x >= 1 else f"{x * 1000:.0f} KB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="tiny corpus, same code paths (CI)")
    ap.add_argument("--out", type=Path, help="also write the table: .md (Markdown), .json, or plain text")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every corpus size (default 1)")
    ap.add_argument("--mem-base-mb", type=float, help="size of the 1x corpus of the memory rows")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--langs", default=",".join(C.MIXED_LANGS),
                    help="languages of the mixed corpus (default tr,az,en; any of tr,az,en,ru,kk,uz)")
    ap.add_argument("--workdir", type=Path, help="where corpora and databases go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--skip-warehouse", action="store_true", help="extraction rows only")
    ap.add_argument("--pages", type=int, default=0,
                    help="also build a WARC.gz of this many news pages and load it (benchmarks/pages.py; "
                         "the issue's row: 20000); default 0: no pages rows")
    ap.add_argument("--adversarial", action="store_true",
                    help="also extraction MB/s on adversarial texts beside news (benchmarks/adversarial.py)")
    args = ap.parse_args(argv)

    base = SMOKE if args.smoke else FULL
    s = args.scale
    sizes = Sizes(int(base.en_bytes * s), int(base.mixed_bytes * s), int(base.q3_bytes * s),
                  int(base.facts * s),
                  int(args.mem_base_mb * MB) if args.mem_base_mb else int(base.mem_base_bytes * s),
                  int(base.link_mentions * s), int(base.six_cli_bytes * s))
    langs = tuple(x.strip() for x in args.langs.split(",") if x.strip())

    t_start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="nqw-bench-", dir=args.workdir))
    rep = Report(machine=machine_info())
    mode = "smoke" if args.smoke else "full"
    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.0f} s] {msg}", file=sys.stderr, flush=True)
    try:
        # corpora
        say(f"{mode} mode: building corpora in {workdir}")
        en = C.write_corpus(workdir / "en.jsonl", ("en",), sizes.en_bytes, seed=args.seed, prefix="en")
        mixed = C.write_corpus(workdir / "mixed.jsonl", langs, sizes.mixed_bytes, seed=args.seed, prefix="mx")
        six = C.write_corpus(workdir / "six.jsonl", C.ALL_LANGS, sizes.mixed_bytes, seed=args.seed, prefix="s6")
        rep.notes.append(f"mode {mode}; corpora: English {en.text_bytes / MB:.1f} MB / {en.articles} articles, "
                         f"mixed ({','.join(langs)}) {mixed.text_bytes / MB:.1f} MB / {mixed.articles} articles "
                         f"(seed {args.seed}); MB = 10^6 bytes of UTF-8 article text")

        # extraction
        say("extraction: English")
        ex_en = bench_extraction(en.path)
        say("extraction: mixed")
        ex_mx = bench_extraction(mixed.path)
        say(f"extraction: all {len(C.ALL_LANGS)} languages")
        ex_six = bench_extraction(six.path)
        rep.add("extraction English, 1 process", ex_en["mb_s"], "MB/s")
        rep.add("extraction English, 1 process", ex_en["art_s"], "articles/s",
                note=f"{ex_en['quantities']:,} quantities")
        rep.add(f"extraction mixed {'/'.join(langs)}, 1 process", ex_mx["mb_s"], "MB/s per core",
                f">= {TARGET_MIXED_MBPS:g}", ex_mx["mb_s"] >= TARGET_MIXED_MBPS)
        rep.add(f"extraction mixed {'/'.join(langs)}, 1 process", ex_mx["art_s"], "articles/s",
                note=f"{ex_mx['quantities']:,} quantities")
        rep.add(f"extraction mixed {'/'.join(C.ALL_LANGS)} ({len(C.ALL_LANGS)} tables), 1 process", ex_six["mb_s"],
                "MB/s per core", f">= {TARGET_SIX_MBPS:g}", ex_six["mb_s"] >= TARGET_SIX_MBPS,
                note=f"{ex_six['quantities']:,} quantities, {six.articles} articles")

        say(f"quantulum3 on {sizes.q3_bytes / MB:.2f} MB of the English corpus, sentence by sentence")
        q3 = bench_quantulum(en.path, sizes.q3_bytes)
        rep.add("quantulum3 English, sentence by sentence", q3["mb_s"], "MB/s",
                note=f"{q3['bytes'] / MB:.2f} MB slice, {q3['sentences']:,} sentences, {q3['quantities']:,} quantities")
        ratio = ex_en["mb_s"] / q3["mb_s"]
        rep.add("ratio ours / quantulum3 (English)", ratio, "x", f">= {TARGET_Q3_RATIO:g}x",
                ratio >= TARGET_Q3_RATIO)

        if args.adversarial:
            say("extraction: adversarial texts")
            add_adversarial_rows(rep, ADVERSARIAL_BYTES if not args.smoke else 20_000)

        if args.skip_warehouse:
            rep.notes.append("warehouse rows skipped (--skip-warehouse)")
        elif not warehouse_available():
            rep.notes.append("warehouse rows missing: warehouse.cli is not importable yet")
        else:
            # the six-language row: the whole `warehouse extract` process (start-up, reading,
            # extraction, the in-memory linking, the JSONL output) on one core
            six_cli = C.write_corpus(workdir / "six-cli.jsonl", C.ALL_LANGS, sizes.six_cli_bytes, seed=args.seed,
                                     prefix="x6")
            say(f"warehouse extract --workers 1, {_mb(six_cli.text_bytes / MB)} of all {len(C.ALL_LANGS)} languages")
            cpu = cpu_seconds([*warehouse_cmd(), "extract", str(six_cli.path), "--workers", "1"])
            rep.add(f"warehouse extract --workers 1, {'/'.join(C.ALL_LANGS)}, whole process",
                    six_cli.text_bytes / MB / cpu, "MB per CPU-s", f">= {TARGET_SIX_MBPS:g}",
                    six_cli.text_bytes / MB / cpu >= TARGET_SIX_MBPS,
                    note=f"{_mb(six_cli.text_bytes / MB)}, {six_cli.articles} articles, {cpu:.1f} CPU-s (user + system)")

            # facts into DuckDB
            say(f"load: >= {sizes.facts:,} facts into DuckDB")
            fi = bench_fact_insert(mixed.path, sizes.facts, workdir)
            rep.add("load facts into DuckDB", fi["facts_s"], "facts/s", f">= {TARGET_FACTS_PER_S:,}",
                    fi["facts_s"] >= TARGET_FACTS_PER_S, note=f"{fi['facts']:,} facts; {fi['path']}")

            # end to end
            db = workdir / "bench.duckdb"
            e2e = {}
            for w in (1, 2):
                say(f"load: warehouse load mixed corpus --workers {w}")
                e2e[w] = warehouse_load([mixed.path], db, w, workdir)
                r = e2e[w]
                rep.add(f"warehouse load end to end, --workers {w}", mixed.articles / r["seconds"], "articles/s",
                        note=f"{mixed.text_bytes / MB / r['seconds']:.2f} MB/s, {r['facts']:,} facts, "
                             f"{r['seconds']:.1f} s")
            for w in (1, 2):
                rep.add(f"warehouse load end to end, --workers {w}", mixed.text_bytes / MB / e2e[w]["seconds"], "MB/s")
            speedup = e2e[1]["seconds"] / e2e[2]["seconds"]
            rep.add("speed-up --workers 2 / --workers 1", speedup, "x", f">= {TARGET_WORKERS_SPEEDUP:g}x",
                    speedup >= TARGET_WORKERS_SPEEDUP)

            # memory
            mem = {}
            for k in (1, 4, 16):
                path = workdir / f"mem{k}.jsonl"
                info = C.write_corpus(path, langs, sizes.mem_base_bytes * k, seed=args.seed, prefix=f"m{k}")
                say(f"memory: warehouse load {k}x ({_mb(info.text_bytes / MB)})")
                mem[k] = warehouse_load([path], db, 2, workdir)
                mem[k]["mb"] = info.text_bytes / MB
                path.unlink()
            tree = {k: v["tree_rss"] for k, v in mem.items()}
            maxp = {k: v["max_rss"] for k, v in mem.items()}
            for k in (1, 4, 16):
                rep.add(f"peak RSS warehouse load {k}x ({_mb(mem[k]['mb'])}), all processes",
                        tree[k] / MB if tree[k] else None, "MB",
                        note=f"largest process {maxp[k] / MB:.0f} MB" if maxp[k] else "")
            if all(tree.values()):
                growth = tree[16] / tree[1] - 1
                rep.add("peak RSS growth 1x -> 16x, all processes", growth * 100, "%",
                        f"<= {TARGET_MEM_FLAT * 100:.0f}%", growth <= TARGET_MEM_FLAT)
            if all(maxp.values()):
                growth = maxp[16] / maxp[1] - 1
                rep.add("peak RSS growth 1x -> 16x, largest process", growth * 100, "%",
                        f"<= {TARGET_MEM_FLAT * 100:.0f}%", growth <= TARGET_MEM_FLAT)
            rep.notes.append(f"warehouse load: memory rows at --workers 2; all processes = summed RSS of the "
                             f"process tree sampled every 50 ms; largest process = {mem[1]['rss_source']}")

            # fact linkage
            say(f"linking: {sizes.link_mentions:,} synthetic mentions from scratch, then one 64-article batch")
            from benchmarks import linking
            lk = linking.bench_linking(sizes.link_mentions, workdir, seed=args.seed)
            full = sizes.link_mentions >= 1_000_000
            rep.add("link mentions from scratch (warehouse relink)", lk["mentions"] / lk["scratch_s"], "mentions/s",
                    f"<= {TARGET_LINK_SCRATCH_S} s for 1M" if full else "",
                    lk["scratch_s"] <= TARGET_LINK_SCRATCH_S if full else None,
                    note=f"{lk['mentions']:,} mentions into {lk['facts']:,} facts in {lk['scratch_s']:.1f} s")
            rep.add(f"link one 64-article batch against {lk['mentions']:,} mentions", lk["batch_s"], "s",
                    f"< {TARGET_LINK_BATCH_S:g} s at 1M" if full else "",
                    lk["batch_s"] < TARGET_LINK_BATCH_S if full else None,
                    note=f"{lk['batch_mentions']:,} new mentions (link.link_pending, as warehouse load runs it)")
            if args.pages:
                from benchmarks import pages
                say(f"pages: a WARC.gz of {args.pages:,} news pages, warehouse load --workers 2")
                for row in pages.bench_pages(workdir, args.pages, 2, seed=args.seed):
                    rep.add(**row)
        rep.notes.append(f"benchmark wall time {time.perf_counter() - t_start:.0f} s")
    finally:
        if args.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    table = rep.text()
    print(table)
    if args.out:
        suffix = args.out.suffix.lower()
        if suffix == ".json":
            args.out.write_text(json.dumps(rep.as_json(), indent=2) + "\n")
        elif suffix in (".md", ".markdown"):
            args.out.write_text(rep.markdown() + "\n")
        else:
            args.out.write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
