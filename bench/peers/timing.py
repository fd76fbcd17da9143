"""Times a peer's workload the way WORKLOADS.md asks: warm-up runs, then timed repeats; prints one JSON line.

Each peer script calls run(workload, peer, unit, scale, fn): scale turns seconds into the unit (1e3 for ms).
The line is also appended to $PEERS_RESULTS when set, which is how run-side-by-side.sh collects them."""
import json
import os
import platform
import statistics
import sys
import time


def blas_library():
    """The BLAS shared library this process has loaded, from /proc/self/maps (Linux; "" elsewhere).

    Debian's torch links the generic libblas.so.3, which the alternatives system points at OpenBLAS when it is
    installed and at the unoptimized reference BLAS otherwise: a 15-30x difference in W3, W6 and W7."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1].lower()}
    except OSError:
        return ""
    for lib in sorted(libs):
        if "openblas" in lib.lower() or "mkl" in lib.lower() or "blis" in lib.lower():
            return lib
    reference = sorted(lib for lib in libs if lib.endswith("/libblas.so.3"))
    if reference:
        return reference[0] + " (reference BLAS)"
    return ", ".join(sorted(libs))


def run(workload, peer, unit, scale, fn, warmup=3, repeats=15, version="", extra=None):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    record = {"workload": workload, "peer": peer, "unit": unit,
              "median": statistics.median(times) * scale, "min": min(times) * scale, "max": max(times) * scale,
              "repeats": repeats, "version": version, "python": platform.python_version(),
              "command": " ".join([os.path.basename(sys.executable)] + sys.argv), "blas": blas_library()}
    if extra:
        record.update(extra)
    line = json.dumps(record)
    print(line, flush=True)
    target = os.environ.get("PEERS_RESULTS")
    if target:
        with open(target, "a") as f:
            f.write(line + "\n")
    return record
