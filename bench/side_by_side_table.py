#!/usr/bin/env python3
"""Writes the side-by-side table of bench/run-side-by-side.sh: chainrule's JMH figures, each peer's, and the
machine's limits measured in the same run, with every figure also as a ratio.

side_by_side_table.py JMH_JSON PEERS_JSONL MACHINE_TXT [skipped peer ...]"""
import json
import statistics
import sys

UNIT_S = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1}


def jmh_rows(path):
    rows = {}
    for r in json.load(open(path)):
        cls, method = r["benchmark"].split(".")[-2:]
        pm = r["primaryMetric"]
        pct = pm.get("scorePercentiles", {})
        median = pct.get("50.0", pm["score"]) * UNIT_S[pm["scoreUnit"]]
        # The fastest iteration too: a peak is what the machine does when nothing else holds it back, and on a
        # shared host the mean of a probe's iterations is a share of a neighbour's load as well.
        fastest = min((x for it in pm.get("rawData", []) for x in it), default=pm["score"]) * UNIT_S[pm["scoreUnit"]]
        rows[(cls, method, tuple(sorted(r.get("params", {}).items())))] = (median, r.get("threads", 1), fastest)
    return rows


def find(rows, cls, method=None, **params):
    for (c, m, p), v in rows.items():
        d = dict(p)
        if c == cls and (method is None or m == method) and all(d.get(k) == str(x) for k, x in params.items()):
            return v
    return None


def main(jmh_path, peers_path, info_path, skipped):
    rows = jmh_rows(jmh_path)
    peers = [json.loads(l) for l in open(peers_path) if l.strip()]
    info = open(info_path).read().strip()

    def peer(workload, name, **extra):
        for p in peers:
            if p["workload"] == workload and p["peer"] == name and all(p.get(k) == v for k, v in extra.items()):
                return p["median"]
        return None

    # machine limits
    from_probe = {}
    for bits in ("0", "256"):
        one = find(rows, "MachinePeak", "oneCore", vectorBits=bits)
        both = find(rows, "MachinePeak", "allCores", vectorBits=bits)
        lanes = None
        if bits == "256":
            lanes = 4
        else:
            for line in info.splitlines():
                if line.startswith("preferred vector:"):
                    lanes = int(line.split("(")[1].split()[0])
        if one and lanes:
            flops = 2.0 * lanes * 12 * 1_000_000
            from_probe[bits] = (flops / one[2] / 1e9, flops * both[1] / both[2] / 1e9 if both else None)
    peak1 = max(v[0] for v in from_probe.values()) if from_probe else None
    peak2 = max(v[1] for v in from_probe.values() if v[1]) if from_probe else None
    read = find(rows, "MemoryBandwidth", "read")
    copy = find(rows, "MemoryBandwidth", "copy")

    out = ["# chainrule and its peers, back to back", "", "## Machine", "", "```", info, "```", ""]
    out.append("| limit | measured |")
    out.append("|---|---|")
    for bits, (one, both) in sorted(from_probe.items()):
        width = "preferred width" if bits == "0" else "256-bit"
        out.append(f"| FMA peak, {width} (fastest iteration) | {one:.1f} GFLOP/s on 1 core; {both:.1f} on all cores |"
                   if both else f"| FMA peak, {width} (fastest iteration) | {one:.1f} GFLOP/s on 1 core |")
    if read:
        out.append(f"| memory bandwidth, 1 thread | read {0.4 / read[0]:.1f} GB/s, copy {0.8 / copy[0]:.1f} GB/s |")
    out += ["", "## Workloads", "", "| workload | chainrule | peer | peer's figure | chainrule / peer | limit |",
            "|---|---|---|---|---|---|"]

    def gflops(n, seconds):
        return 2.0 * n ** 3 / seconds / 1e9

    for n in (1024, 2048):
        c = find(rows, "W3MatMul", impl="chainrule", n=n)
        c1 = find(rows, "W3MatMul", impl="vector-1t", n=n)
        for name, label in (("numpy", "numpy (OpenBLAS), 2 threads"), ("torch", "PyTorch, 2 threads"),
                            ("DJL (libtorch)", "DJL (libtorch), 2 threads, same JVM harness")):
            p = peer("W3", name, n=n)
            if c and p:
                out.append(f"| W3 {n}³ | {gflops(n, c[0]):.1f} GFLOP/s ({gflops(n, c[0]) / peak2:.0%} of peak) | {label} "
                           f"| {gflops(n, p):.1f} | {p / c[0]:.2f}× | {peak2:.0f} GFLOP/s |")
        p1 = peer("W3", "numpy (1 thread)", n=n)
        if c1 and p1:
            out.append(f"| W3 {n}³, 1 thread | {gflops(n, c1[0]):.1f} GFLOP/s ({gflops(n, c1[0]) / peak1:.0%} of peak) "
                       f"| numpy, 1 thread | {gflops(n, p1):.1f} | {p1 / c1[0]:.2f}× | {peak1:.0f} GFLOP/s |")

    def timed(workload, cls, unit_scale, unit, peer_names, **params):
        c = find(rows, cls, impl="chainrule", **params) or find(rows, cls, "chainrule", **params) or find(rows, cls, **params)
        if not c:
            return
        for name in peer_names:
            p = peer(workload, name)
            if p is not None:
                out.append(f"| {workload} | {c[0] * unit_scale:.3g} {unit} | {name} | {p:.3g} {unit} "
                           f"| {c[0] * unit_scale / p:.2f}× the time | |")

    djl = "DJL (libtorch)"
    timed("W2", "W2CourseNetwork", 1e3, "ms", ["numpy (lean)", djl])
    timed("W4", "W4DigitsMlp", 1, "s", ["numpy", djl])
    timed("W6", "W6CnnStep", 1e3, "ms", ["torch", djl])
    timed("W7", "W7AttentionBlock", 1e3, "ms", ["torch", djl])
    for nodes in (1000, 100000):
        c = find(rows, "W1ScalarGraph", "chainrule", nodes=nodes)
        b = find(rows, "W1ScalarGraph", "javaValue", nodes=nodes)
        if c and b:
            out.append(f"| W1 {nodes:,} nodes | {c[0] / nodes * 1e9:.1f} ns/node | bare Java graph "
                       f"| {b[0] / nodes * 1e9:.1f} ns/node | {c[0] / b[0]:.2f}× the time | the bare graph |")
    torch_w1 = peer("W1", "torch")
    c = find(rows, "W1ScalarGraph", "chainrule", nodes=100000)
    if torch_w1 and c:
        out.append(f"| W1 100,000 nodes | {c[0] / 1e5 * 1e9:.1f} ns/node | PyTorch | {torch_w1 / 1e5 * 1e9:,.0f} ns/node "
                   f"| {c[0] / torch_w1:.4f}× the time | |")
    blas = {}
    for p in peers:
        if p.get("blas"):
            blas.setdefault(p["peer"].split(" (")[0], p["blas"])
    if blas:
        out += ["", "The Python peers' BLAS (the library each process had loaded): "
                + "; ".join(f"{name}: `{lib}`" for name, lib in sorted(blas.items())) + "."]
        if any("reference" in lib for lib in blas.values()):
            out.append("**A peer ran on the reference BLAS** (Debian's `libblas3`, unoptimized): its matmul-bound "
                       "figures are far below what it can do. `apt-get install libopenblas0-pthread` and run again.")
    if skipped:
        out += ["", "Skipped: " + "; ".join(skipped) + "."]
    out += ["", f"Raw results: `{jmh_path}`, `{peers_path}`."]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
