#!/usr/bin/env bash
# Runs chainrule's JMH benchmarks and the Python peers back to back on this machine, with the machine's own
# limits (FMA peak, memory bandwidth) measured in the same run, and writes one markdown table:
#   bench/results/side-by-side-<date>.md   (and the raw JMH JSON and peers' JSON lines beside it)
# It installs nothing: a peer whose Python package is missing is skipped, and the table says so.
#   bash bench/run-side-by-side.sh            # the full run, about 25 minutes
#   QUICK=1 bash bench/run-side-by-side.sh    # fewer iterations, about 8 minutes (noisier)
# Run it on a quiet machine: every figure is a share of a machine that nothing else should be using.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y-%m-%dT%H%M)
out=bench/results
mkdir -p "$out"
jmh_json="$out/side-by-side-$stamp.json"
peers_jsonl="$out/side-by-side-$stamp-peers.jsonl"
info="$out/side-by-side-$stamp-machine.txt"
table="$out/side-by-side-$stamp.md"
: > "$peers_jsonl"

./mvnw -q -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
java --add-modules jdk.incubator.vector -cp "$jar" io.github.chainrule.bench.MachineInfo 2>/dev/null > "$info"
{ lscpu 2>/dev/null | grep -E '^(Model name|Flags)' | sed 's/^Flags:.*\(avx512f\).*/Flags: avx512f present/' ; } >> "$info" || true

iters=(-wi 3 -i 5 -f 1)
[ "${QUICK:-}" = 1 ] && iters=(-wi 2 -i 3 -f 1)
# One JMH run per benchmark class (each has its own parameters): the machine probe first, then each workload
# with chainrule and its in-run baseline. A class the jar lacks (a workload not written yet) is skipped.
jmh_files=()
jmh() {
  local name=$1; shift
  if ! java -jar "$jar" -l | grep -q "\.$name\."; then
    skipped+=("$name (not in this build)")
    return
  fi
  local file="$out/side-by-side-$stamp-$name.json"
  java -jar "$jar" "$name" "$@" "${iters[@]}" -rf json -rff "$file" > "$file.log" 2>&1 \
      || { echo "JMH $name failed: see $file.log" >&2; return 1; }
  jmh_files+=("$file")
}
skipped=()
jmh MachinePeak
jmh MemoryBandwidth
jmh W3MatMul -p n=1024,2048 -p impl=chainrule,vector-1t
jmh W2CourseNetwork -p impl=chainrule
jmh W4DigitsMlp -p impl=chainrule
jmh W1ScalarGraph -p nodes=1000,100000
jmh W6CnnStep
jmh W7AttentionBlock
python3 - "$jmh_json" "${jmh_files[@]}" <<'PY'
import json, sys
rows = []
for f in sys.argv[2:]:
    rows += json.load(open(f))
json.dump(rows, open(sys.argv[1], "w"), indent=1)
PY

# Python peers, one at a time after the JVM is gone. numpy: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset
# for this command alone (they slow a current OpenBLAS; see ../.library/env), as the measurement in
# ../shared/peers/RESULTS-2026-12-01.md did.
if python3 -c 'import numpy' 2>/dev/null; then
  (cd bench/peers && PEERS_RESULTS="../../$peers_jsonl" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_peers.py W2 W3 W4)
  (cd bench/peers && PEERS_RESULTS="../../$peers_jsonl" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
      python3 numpy_peers.py W3)
else
  skipped+=("numpy (python3 has no numpy)")
fi
torch_python=""
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import torch' 2>/dev/null; then torch_python=$py; break; fi
done
if [ -n "$torch_python" ]; then
  (cd bench/peers && PEERS_RESULTS="../../$peers_jsonl" "$torch_python" torch_peers.py 2 W1 W3 W6 W7)
else
  skipped+=("PyTorch (no python3 with torch: apt-get install python3-torch)")
fi

python3 bench/side_by_side_table.py "$jmh_json" "$peers_jsonl" "$info" "${skipped[@]+"${skipped[@]}"}" > "$table"
echo "wrote $table"
