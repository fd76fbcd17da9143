#!/bin/bash
# Alternates W1Loop between benchmark jars (say, before and after a change), each in its own JVM with the
# benchmarks' flags, and prints per run the medians of chainrule and of the bare Java graph and their ratio.
# The ratio of two medians taken in one process moves less with this machine's swings than single figures.
# usage: bench/w1_ab.sh NODES REPETITIONS ROUNDS JAR...
#   e.g. bench/w1_ab.sh 100000 600 3 /tmp/before.jar bench/target/benchmarks.jar
set -euo pipefail
nodes=$1; reps=$2; rounds=$3; shift 3
for _ in $(seq "$rounds"); do
  for jar in "$@"; do
    java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=4m -XX:+UseTransparentHugePages -cp "$jar" \
        io.github.chainrule.bench.W1Loop "$nodes" "$reps" \
      | awk -v jar="$jar" '{ for (i = 1; i <= NF; i++) if ($i == "p50") v[++k] = $(i + 1)
                            printf "%-40s chainrule %s  bare %s  ratio %.2f\n", jar, v[1], v[2], v[1] / v[2] }'
  done
done
