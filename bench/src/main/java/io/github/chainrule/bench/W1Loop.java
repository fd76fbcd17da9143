package io.github.chainrule.bench;

import java.util.Arrays;

/**
 * W1 timed by a plain loop instead of JMH, to compare JVM settings (garbage collectors) quickly:
 * {@code java [JVM flags] -cp bench/target/benchmarks.jar io.github.chainrule.bench.W1Loop [nodes] [repetitions]}.
 * Prints the minimum, first quartile and median ns per node of chainrule and of the bare Java graph,
 * after as many warm-up repetitions. The JMH benchmark {@link W1ScalarGraph} is the figure of record.
 */
public final class W1Loop {
    private W1Loop() {
    }

    /** Runs the loop; arguments: nodes (default 100,000) and repetitions (default 300). */
    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        ScalarChain chain = new ScalarChain(nodes);
        for (int i = 0; i < reps; i++) {
            chain.chainrule();
            chain.java();
        }
        double[] ours = new double[reps];
        double[] bare = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            chain.chainrule();
            ours[i] = (System.nanoTime() - start) / (double) nodes;
            start = System.nanoTime();
            chain.java();
            bare[i] = (System.nanoTime() - start) / (double) nodes;
        }
        Arrays.sort(ours);
        Arrays.sort(bare);
        System.out.printf("W1, %,d nodes, ns/node: chainrule min %.1f p25 %.1f p50 %.1f | bare Java min %.1f p25 %.1f p50 %.1f%n",
                nodes, ours[0], ours[reps / 4], ours[reps / 2], bare[0], bare[reps / 4], bare[reps / 2]);
    }
}
