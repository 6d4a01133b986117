#!/usr/bin/env python3
"""run.py: the conformance runner. For every scenario pair in scenarios/
(NAME.js, the oracle, run by Node; NAME.c, its tickloop twin, built as
conf-NAME), runs each side N times and compares their stdout (plus the exit
status):

  - Node's output varies across the N runs: the scenario is dropped, and the
    runner says so (with the variants), since there is no rule to hold
    tickloop to;
  - Node is stable and every tickloop run prints exactly the same: identical;
  - they differ and NAME.js carries a "// different-on-purpose: REASON" line:
    reported as different on purpose, with the reason and the diff;
  - they differ otherwise: a failure. When only some tickloop runs differ
    (timing noise on a loaded machine, or real nondeterminism), both sides
    run one more round; the scenario passes only if that round is clean, and
    the first round's difference is printed either way.

A script's header lines say what the runner needs:
  // family: ID           the scenario family (families.tsv describes each)
  // pool: N              UV_THREADPOOL_SIZE and TL_THREADPOOL_SIZE for both sides
  // different-on-purpose: REASON

Exits 1 when any scenario failed, 0 otherwise. --json writes the results (the
input of table.py, which writes the table in docs/runtime.md)."""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT_S = 30


def parse_header(path):
    meta = {"family": None, "pool": None, "purpose": None}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("//"):
                break
            text = line[2:].strip()
            for key, field in (("family:", "family"), ("pool:", "pool"),
                               ("different-on-purpose:", "purpose")):
                if text.startswith(key):
                    meta[field] = text[len(key):].strip()
    return meta


def make_fixtures(root):
    """The files both sides read (conf_path / confPath)."""
    with open(os.path.join(root, "small.txt"), "w") as f:
        f.write("hello tickloop\n")
    with open(os.path.join(root, "big.bin"), "wb") as f:
        f.write(bytes(range(256)) * (6 * 1024))  # 1.5 MiB: three 512 KiB reads
    open(os.path.join(root, "empty.txt"), "w").close()
    os.mkdir(os.path.join(root, "sub"))


def run_once(cmd, env):
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=TIMEOUT_S)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            out += "[exit status %d]\n%s" % (p.returncode,
                                             p.stderr.decode("utf-8", "replace")[-2000:])
        return out
    except subprocess.TimeoutExpired:
        return "[timed out after %d s]\n" % TIMEOUT_S


def diff(a, b):
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                        "node", "tickloop", n=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--node", default="node", help="the Node binary (the oracle)")
    ap.add_argument("--bin-dir", required=True, help="where conf-NAME twins are")
    ap.add_argument("--scenarios", default=os.path.join(os.path.dirname(__file__), "scenarios"))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("CONFORMANCE_RUNS", "5")))
    ap.add_argument("--only", action="append", help="run only these scenarios")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()

    version = subprocess.run([args.node, "--version"], stdout=subprocess.PIPE,
                             check=True).stdout.decode().strip()
    names = sorted(n[:-3] for n in os.listdir(args.scenarios) if n.endswith(".js"))
    if args.only:
        names = [n for n in names if n in args.only]
    print("conformance: node %s (%s), %d scenarios, %d runs per side"
          % (version, args.node, len(names), args.runs), flush=True)

    fixtures = tempfile.mkdtemp(prefix="tl-conformance-")
    make_fixtures(fixtures)
    results, counts = [], {"identical": 0, "different on purpose": 0,
                           "dropped (Node varies)": 0, "DIFFERENT": 0}
    started = time.time()
    try:
        for name in names:
            js = os.path.join(args.scenarios, name + ".js")
            twin = os.path.join(args.bin_dir, "conf-" + name)
            meta = parse_header(js)
            env = dict(os.environ, CONF_DIR=fixtures)
            for var in ("UV_THREADPOOL_SIZE", "TL_THREADPOOL_SIZE", "TL_BLOCK_WARN_MS"):
                env.pop(var, None)
            if meta["pool"]:
                env["UV_THREADPOOL_SIZE"] = env["TL_THREADPOOL_SIZE"] = meta["pool"]
            node_outs = [run_once([args.node, js], env) for _ in range(args.runs)]
            variants = sorted(set(node_outs), key=node_outs.index)
            entry = {"name": name, "family": meta["family"], "purpose": meta["purpose"]}
            note = ""
            if len(variants) > 1:
                status = "dropped (Node varies)"
                entry["node_variants"] = [{"runs": node_outs.count(v), "output": v}
                                          for v in variants]
                note = "".join("  -- Node variant %d (%d of %d runs):\n%s" % (
                    i + 1, node_outs.count(v), args.runs,
                    "".join("     " + line + "\n" for line in v.splitlines()))
                    for i, v in enumerate(variants))
            elif not os.access(twin, os.X_OK):
                status = "DIFFERENT"
                note = "  no twin %s (not built?)\n" % twin
            else:
                tl_outs = [run_once([twin], env) for _ in range(args.runs)]
                bad = [o for o in tl_outs if o != node_outs[0]]
                if bad and len(bad) < len(tl_outs) and not meta["purpose"]:
                    # Some tickloop runs agree and some do not: timing noise
                    # (a preempted process) or a real nondeterminism. One
                    # more round of both sides tells them apart; it is
                    # reported either way.
                    first = "  first round: %d of %d tickloop runs differed:\n%s" % (
                        len(bad), args.runs, diff(node_outs[0], bad[0]))
                    node_again = [run_once([args.node, js], env) for _ in range(args.runs)]
                    tl_again = [run_once([twin], env) for _ in range(args.runs)]
                    if len(set(node_again)) == 1 and node_again[0] == node_outs[0]:
                        bad = [o for o in tl_again if o != node_outs[0]]
                        entry["retried"] = True
                        note = first + "  retried: %d of %d differ\n" % (len(bad), args.runs)
                if not bad:
                    status = "identical"
                    if meta["purpose"]:
                        note += "  (marked different on purpose, but identical now)\n"
                elif meta["purpose"]:
                    status = "different on purpose"
                    note += "  reason: %s\n%s" % (meta["purpose"], diff(node_outs[0], bad[0]))
                else:
                    status = "DIFFERENT"
                    note += "  %d of %d tickloop runs differ from Node's stable output:\n%s" % (
                        len(bad), args.runs, diff(node_outs[0], bad[0]))
                entry["tickloop_runs_differing"] = len(bad)
            entry["status"] = status
            counts[status] += 1
            results.append(entry)
            print("%-22s %s%s" % (status, name,
                                  " [%s]" % meta["family"] if meta["family"] else ""), flush=True)
            if note:
                print(note, end="", flush=True)
    finally:
        shutil.rmtree(fixtures, ignore_errors=True)

    summary = ", ".join("%d %s" % (n, k) for k, n in counts.items())
    print("conformance: node %s: %s (%.0f s)" % (version, summary, time.time() - started))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"node": version, "runs": args.runs, "date": time.strftime("%Y-%m-%d"),
                       "counts": counts, "scenarios": results}, f, indent=1)
    return 1 if counts["DIFFERENT"] else 0


if __name__ == "__main__":
    sys.exit(main())
