package io.github.chainrule.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time spent by the calling thread and the workers of chainrule's thread pool, for the benchmarks' profiling
 * loops: on a machine shared with other jobs, wall time counts their time too, while this counts only the
 * work of the loop (not the JIT compiler's or the garbage collector's threads either).
 */
final class WorkClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WorkClock() {
    }

    /** Returns the CPU nanoseconds used so far by the calling thread and every worker of the kernels' pool ({@code chainrule-parallel-}). */
    static long cpuNanos() {
        long total = THREADS.getCurrentThreadCpuTime();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("chainrule-parallel-")) {
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }
}
