#!/usr/bin/env bash
# Regenerates the growth curves on this machine: W1's ns/node over 10^3 ... 10^6 nodes (chainrule and the bare
# Java graph), and W3's GFLOP/s over n = 64 ... 2048 (chainrule on all cores and on one, EJML, and numpy's
# OpenBLAS on 2 threads and on 1 beside them), into docs/images/w1_growth.png and w3_growth.png.
#   bash bench/run-growth.sh     # about 6 minutes; run it on a quiet machine
# It installs nothing: without numpy the W3 chart has no peer line.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y-%m-%dT%H%M)
out=bench/results
mkdir -p "$out"
json="$out/growth-$stamp.json"
peers="$out/growth-$stamp-peers.jsonl"
: > "$peers"
sizes=64,128,256,512,1024,2048

./mvnw -q -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
java -jar "$jar" "W1ScalarGraph|W3MatMul" -p nodes=1000,10000,100000,1000000 -p n=$sizes \
    -p impl=chainrule,vector-1t,ejml-mt -wi 2 -i 3 -f 1 -rf json -rff "$json" > "$json.log" 2>&1 \
    || { echo "JMH failed: see $json.log" >&2; exit 1; }
if python3 -c 'import numpy' 2>/dev/null; then
  # OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for numpy alone, as in run-side-by-side.sh.
  (cd bench/peers && PEERS_RESULTS="../../$peers" W3_SIZES=$sizes env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      python3 numpy_peers.py W3 > /dev/null)
  (cd bench/peers && PEERS_RESULTS="../../$peers" W3_SIZES=$sizes env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      OPENBLAS_NUM_THREADS=1 python3 numpy_peers.py W3 > /dev/null)
else
  echo "numpy skipped: python3 has no numpy" >&2
fi
java -cp "$jar" io.github.chainrule.bench.GrowthPlot "$json" docs/images "$peers"
