#!/usr/bin/env bash
# Runs chainrule's JMH benchmarks and the Python peers back to back on this machine, with the machine's own
# limits (FMA peak, memory bandwidth) measured in the same run, and writes one markdown table:
#   bench/results/side-by-side-<date>.md   (and the raw JMH JSON and peers' JSON lines beside it)
# It installs nothing: a peer whose Python package is missing is skipped, and the table says so.
#   bash bench/run-side-by-side.sh            # the full run, about 25 minutes
#   QUICK=1 bash bench/run-side-by-side.sh    # fewer iterations, about 8 minutes (noisier)
#   PEERS=1 bash bench/run-side-by-side.sh    # also the JVM peers of -Ppeers (PyTorch via DJL) in JMH, W2-W4, W6, W7;
#                                             # their first build downloads about 300 MB from Maven Central
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
  local counts=("${iters[@]}")
  case " $* " in *" -wi "*) counts=();; esac    # a call that sets its own iteration counts keeps them
  java -jar "$jar" "$name" "$@" "${counts[@]+"${counts[@]}"}" -rf json -rff "$file" > "$file.log" 2>&1 \
      || { echo "JMH $name failed: see $file.log" >&2; return 1; }
  jmh_files+=("$file")
}
skipped=()
# The peak is the fastest iteration (side_by_side_table.py): ten short ones give a noisy shared host more chances
# to show its real limit than three long ones (Zen 3 guest: 28.5-38.5 GFLOP/s on one core over six runs of three).
jmh MachinePeak -wi 2 -i 10 -r 300ms
jmh MemoryBandwidth
jmh W3MatMul -p n=1024,2048 -p impl=chainrule,vector-1t
jmh W2CourseNetwork -p impl=chainrule
# W4 is single-shot (one 20-epoch run an iteration): its class's own 25 warm-up runs stay, or the JIT is still
# compiling while it is measured (Zen 4, 2026-12-02: runs fall from ~40 ms to ~22 over the first 16, so 10
# warm-ups measured the tail of that descent, 0.031 s where the steady state is 0.021-0.026).
jmh W4DigitsMlp -p impl=chainrule -wi 25 -i 15
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

# JVM peers (profile -Ppeers: PyTorch via DJL), after ours, one class at a time; their JMH rows become peer lines.
if [ "${PEERS:-}" = 1 ]; then
  if ./mvnw -q -B -Ppeers -pl bench -am package -DskipTests > "$out/side-by-side-$stamp-peers-build.log" 2>&1; then
    peers_cp="bench/target/peers/classes:$(cat bench/target/peers/classpath.txt)"
    for spec in "W2CourseNetworkPeers -p peer=djl" "W3MatMulPeers -p peer=djl -p n=1024,2048" \
                "W4DigitsMlpPeers -p peer=djl -wi 25 -i 15" "W6CnnStepPeers" "W7AttentionBlockPeers"; do
      name=${spec%% *}
      file="$out/side-by-side-$stamp-$name.json"
      # shellcheck disable=SC2086
      counts=("${iters[@]}")
      case " $spec " in *" -wi "*) counts=();; esac
      java -cp "$peers_cp" org.openjdk.jmh.Main $spec "${counts[@]+"${counts[@]}"}" -rf json -rff "$file" > "$file.log" 2>&1 \
          || { skipped+=("$name (failed: see $file.log)"); continue; }
      python3 - "$file" >> "$peers_jsonl" <<'PY'
import json, sys
# JMH's median, in the unit the table reads for each workload's peers (W3: s; W2, W6, W7: ms; W4: s).
unit_s = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1}
scale = {"W2": 1e3, "W3": 1, "W4": 1, "W6": 1e3, "W7": 1e3}
for r in json.load(open(sys.argv[1])):
    workload = r["benchmark"].split(".")[-2][:2]
    pm = r["primaryMetric"]
    median = pm.get("scorePercentiles", {}).get("50.0", pm["score"]) * unit_s[pm["scoreUnit"]] * scale[workload]
    rec = {"workload": workload, "peer": "DJL (libtorch)", "median": median, "source": "JMH, -Ppeers"}
    if "n" in r.get("params", {}):
        rec["n"] = int(r["params"]["n"])
    print(json.dumps(rec))
PY
    done
  else
    skipped+=("JVM peers (-Ppeers build failed: see $out/side-by-side-$stamp-peers-build.log)")
  fi
fi

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
  skipped+=("PyTorch (no python3 with torch: apt-get install python3-torch libopenblas0-pthread)")
fi

python3 bench/side_by_side_table.py "$jmh_json" "$peers_jsonl" "$info" "${skipped[@]+"${skipped[@]}"}" > "$table"
echo "wrote $table"
