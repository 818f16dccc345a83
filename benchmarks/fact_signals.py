"""How well the per-mention signals of fact linkage (indicator, entities, period) serve it, measured on
a fact set with gold fact ids (default ../shared/eval/facts_dev).

    python -m benchmarks.fact_signals [--set DIR] [--pred PRED.jsonl] [--show]

Gold mentions are matched to predictions by span overlap, as score_facts.py matches them. Reported:
- coverage: the share of matched fact-bearing mentions with an indicator, with entities, with a period;
- agreement: for each gold fact with two or more matched mentions, whether each signal is the same
  on all of them (a mention without the signal counts as disagreeing);
- separation: for pairs of mentions of different gold facts with equal value (two significant
  figures) and dimension, whether at least one signal is known on both and differs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "facts_dev"


def _locate(text: str, needle: str, occurrence: int) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text {needle!r} not found")
    return pos, pos + len(needle)


def load_gold(folder: Path) -> list[dict]:
    docs = {p.name: p.read_text(encoding="utf-8") for p in (folder / "docs").glob("*.txt")}
    gold = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line) if line.strip() else None
        if g and g.get("fact"):
            g["start"], g["end"] = _locate(docs[g["doc"]], g["text"], g.get("occurrence", 1))
            gold.append(g)
    return gold


def predictions(folder: Path, pred: Path | None) -> list[dict]:
    if pred is not None:
        lines = pred.read_text(encoding="utf-8").splitlines()
    else:
        exe = Path(sys.executable).parent / "warehouse"
        out = subprocess.run([str(exe), "extract", str(folder / "docs"), "--format", "jsonl"],
                             capture_output=True, text=True, check=True)
        lines = out.stdout.splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def match(gold: list[dict], preds: list[dict]) -> list[dict | None]:
    by_doc = defaultdict(list)
    for p in preds:
        by_doc[Path(str(p["doc"])).name].append(p)
    used, out = set(), []
    for g in gold:
        best, key = None, None
        for p in by_doc[g["doc"]]:
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            k = (id(p) not in used, overlap)
            if overlap > 0 and (key is None or k > key):
                best, key = p, k
        if best is not None:
            used.add(id(best))
        out.append(best)
    return out


def signals(p: dict | None) -> dict[str, object]:
    if p is None:
        return {"indicator": None, "entities": None, "period": None}
    ents = set(p.get("entities") or ())
    if p.get("subject_entity"):
        ents.add(p["subject_entity"])
    period = (p.get("period_start"), p.get("period_end"), bool(p.get("period_is_target"))) \
        if p.get("period_start") else None
    return {"indicator": p.get("indicator"), "entities": tuple(sorted(ents)) or None, "period": period}


def _sig2(x) -> str:
    return f"{float(x):.2g}" if x is not None else "-"


def report(gold: list[dict], preds: list[dict], show: bool) -> dict:
    matched = match(gold, preds)
    rows = [(g, p, signals(p)) for g, p in zip(gold, matched)]
    n = len(rows)
    res: dict = {"mentions": n, "matched": sum(p is not None for _, p, _ in rows)}
    for name in ("indicator", "entities", "period"):
        res[f"with_{name}"] = sum(s[name] is not None for _, _, s in rows) / n
    by_fact = defaultdict(list)
    for g, p, s in rows:
        if p is not None:
            by_fact[g["fact"]].append((g, p, s))
    multi = {f: r for f, r in by_fact.items() if len(r) >= 2}
    res["facts_2plus"] = len(multi)
    for name in ("indicator", "entities", "period"):
        agree = [f for f, r in multi.items() if r[0][2][name] is not None and len({x[2][name] for x in r}) == 1]
        res[f"agree_{name}"] = len(agree)
        if show:
            for f, r in sorted(multi.items()):
                if f not in agree:
                    print(f"DISAGREE {name:9} {f}: " + "; ".join(f"{g['doc']}:{g['text']!r}={s[name]}" for g, _, s in r))
    res["agree_all"] = sum(all(r[0][2][k] is not None and len({x[2][k] for x in r}) == 1
                               for k in ("indicator", "entities", "period")) for r in multi.values())
    pairs = told = 0
    for (ga, pa, sa), (gb, pb, sb) in combinations([r for r in rows if r[1] is not None], 2):
        if ga["fact"] == gb["fact"] or pa["dimension"] != pb["dimension"] \
                or _sig2(pa.get("base_value")) != _sig2(pb.get("base_value")):
            continue
        pairs += 1
        apart = any(sa[k] is not None and sb[k] is not None and sa[k] != sb[k] for k in sa)
        told += apart
        if show and not apart:
            print(f"NOT TOLD  {ga['fact']} {ga['doc']}:{ga['text']!r} {sa} | {gb['fact']} {gb['doc']}:{gb['text']!r} {sb}")
    res["hard_pairs"], res["hard_pairs_told_apart"] = pairs, told
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="folder with docs/ and gold.jsonl")
    ap.add_argument("--pred", type=Path, help="predictions (JSONL); default: run warehouse extract")
    ap.add_argument("--show", action="store_true", help="list the facts whose signals disagree")
    args = ap.parse_args()
    gold = load_gold(args.set)
    res = report(gold, predictions(args.set, args.pred), args.show)
    m, f = res["mentions"], res["facts_2plus"]
    print(f"mentions {m} (matched {res['matched']}): indicator {res['with_indicator']:.3f}  "
          f"entities {res['with_entities']:.3f}  period {res['with_period']:.3f}")
    print(f"facts with 2+ mentions {f}: indicator agrees {res['agree_indicator']}  entities agree "
          f"{res['agree_entities']}  period agrees {res['agree_period']}  all three {res['agree_all']}")
    print(f"pairs of different facts, equal value and dimension: {res['hard_pairs']}, "
          f"told apart by a signal {res['hard_pairs_told_apart']}")


if __name__ == "__main__":
    main()
