#!/usr/bin/env bash
# Runs chainrule's W6 and W7 and PyTorch's in alternating rounds, for a host whose speed moves from one minute to
# the next (the Zen 3 guest of 2026-12-03: PyTorch's W7 median read 13.1 to 40.1 ms between rounds), so that each
# round's ratio compares two programs measured within the same minute:
#   bash bench/run-interleaved.sh            # three rounds
#   ROUNDS=6 bash bench/run-interleaved.sh
# chainrule's figures are the means of its loops' last 200 iterations (after 800 of warm-up), with the JVM flags of
# the JMH benchmarks; PyTorch's are the median and fastest of torch_peers.py's 30 repeats on 2 threads. It installs
# nothing: without a python3 that has torch (apt-get install python3-torch libopenblas0-pthread) it says so and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || ./mvnw -q -pl bench -am package -DskipTests
torch_python=""
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import torch' 2>/dev/null; then torch_python=$py; break; fi
done
if [ -z "$torch_python" ]; then
  echo "no python3 with torch: apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi
flags=(--add-modules jdk.incubator.vector -Xms3g -Xmx3g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=4m
       -XX:+UseTransparentHugePages)
for round in $(seq 1 "${ROUNDS:-3}"); do
  for w in W6CnnStep W7AttentionBlock; do
    last=$(java "${flags[@]}" -cp "$jar" "io.github.chainrule.bench.$w" 1000 2>/dev/null | tail -1 | awk '{print $4}')
    echo "round $round: chainrule $w $last ms"
  done
  (cd bench/peers && "$torch_python" torch_peers.py 2 W6 W7 2>/dev/null) | ROUND=$round python3 -c '
import json, os, sys
for line in sys.stdin:
    if line.startswith("{"):
        d = json.loads(line)
        print("round %s: PyTorch %s median %.2f, fastest %.2f (%s)" % (os.environ["ROUND"], d["workload"], d["median"], d["min"], d["unit"]))
'
done
