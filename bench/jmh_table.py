#!/usr/bin/env python3
"""Turns a JMH JSON result file (java -jar bench/target/benchmarks.jar -rf json -rff FILE) into the
markdown tables of bench/README.md: median (p50) and range (p0-p100) of the samples, and each workload's
metric (ns per node for W1/W5, GFLOP/s for W3, ms per iteration for W2, s per 20 epochs for W4)."""
import json
import sys

UNIT_NS = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def metric(bench, params, ns):
    """Returns (value, unit) of the workload's own metric for a time per op of ns nanoseconds."""
    if bench.startswith("W1"):
        return ns / int(params["nodes"]), "ns/node"
    if bench.startswith("W5"):
        return ns / 1_000_000, "ns/node"
    if bench.startswith("W3"):
        n = int(params["n"])
        return 2.0 * n ** 3 / ns, "GFLOP/s"
    if bench.startswith("W4"):
        return ns / 1e9, "s/20 epochs"
    return ns / 1e6, "ms/iter"


def main(path):
    rows = json.load(open(path))
    print("| benchmark | params | metric median | range (from p0-p100 time) | samples | time p50 | mode |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        bench = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = r.get("params", {})
        pm = r["primaryMetric"]
        scale = UNIT_NS[pm["scoreUnit"]]
        pct = pm["scorePercentiles"]
        p50, p0, p100 = (pct["50.0"] * scale, pct["0.0"] * scale, pct["100.0"] * scale)
        value, unit = metric(bench, params, p50)
        lo, _ = metric(bench, params, p0)
        hi, _ = metric(bench, params, p100)
        lo, hi = min(lo, hi), max(lo, hi)
        samples = sum(c for it in pm.get("rawDataHistogram", [[]])[0] for _, c in it) if "rawDataHistogram" in pm \
            else len(pm.get("rawData", [[]])[0])
        p = ", ".join(f"{k}={v}" for k, v in params.items())
        print(f"| {bench} | {p} | **{value:,.3g}** {unit} | {lo:,.3g}-{hi:,.3g} | {samples} "
              f"| {pct['50.0']:.4g} {pm['scoreUnit']} | {r['mode']} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench-results.json")
