package io.github.chainrule.bench;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares one benchmark body across several builds of chainrule inside one JVM, round by round, and prints
 * each build's median time and its median time ratio to the first build, taken over pairs of rounds run
 * back to back.
 *
 * <p>Why: on a shared cloud host the same JMH run can move by 30 % from one minute, or one JVM, to the
 * next (2026-12-02, AMD Zen 3 guest: the same in-L1 matmul tile measured 22–39 GFLOP/s medians in
 * successive JVMs, ~42 at best in each), far more than most changes are worth. Two builds measured in
 * separate runs then compare the host's moods, not the code. Here each build's benchmarks jar is loaded
 * by a class loader of its own (its own copy of chainrule, its statics, its thread pool), and the rounds
 * alternate A, B, A, B, ...: a disturbance hits both members of a pair alike, and the ratio of a pair
 * cancels it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms3g -Xmx3g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages \
 *      -cp bench/target/benchmarks.jar io.github.chainrule.bench.PairedAB \
 *      W4DigitsMlp train impl=chainrule 1 30 before.jar after.jar
 * </pre>
 *
 * Arguments: the benchmark class (in this package), its method, {@code field=value} settings of its
 * {@code @Param} fields or {@code -} for none, calls per round, rounds, then two or more benchmarks jars
 * (built with {@code ./mvnw -q -pl bench -am package -DskipTests}, copied aside per build). Half as many
 * rounds again run first as warm-up. The class's {@code setUp} method, if it has one, runs once per build.
 */
public final class PairedAB {
    private PairedAB() {
    }

    /** One build's copy of the benchmark: its state object and the body to time. */
    private record Build(String jar, Object state, Method body) {
    }

    /**
     * Runs the comparison and prints one line per build.
     *
     * @param args class, method, settings, calls per round, rounds, and two or more jars
     * @throws Exception if a jar, class or method cannot be loaded, or the body throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            throw new IllegalArgumentException("PairedAB: expected CLASS METHOD SETTINGS|- CALLS ROUNDS JAR JAR..., got "
                    + Arrays.toString(args));
        }
        int calls = positive("calls", args[3]);
        int rounds = positive("rounds", args[4]);
        List<Build> builds = new ArrayList<>();
        for (int j = 5; j < args.length; j++) {
            builds.add(load(args[j], args[0], args[1], args[2]));
        }
        double[][] ms = new double[builds.size()][rounds];
        for (int round = -rounds / 2; round < rounds; round++) {
            for (int j = 0; j < builds.size(); j++) {
                Build b = builds.get(j);
                long start = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    b.body().invoke(b.state());
                }
                if (round >= 0) {
                    ms[j][round] = (System.nanoTime() - start) / (calls * 1e6);
                }
            }
        }
        for (int j = 0; j < builds.size(); j++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ms[j][r] / ms[0][r];
            }
            System.out.printf(Locale.ROOT, "%s: median %.3f ms, fastest %.3f ms; time / first build's, paired: median %.3f%n",
                    builds.get(j).jar(), median(ms[j]), Arrays.stream(ms[j]).min().orElse(Double.NaN), median(ratio));
        }
    }

    private static Build load(String jar, String className, String method, String settings) throws Exception {
        File file = new File(jar);
        if (!file.isFile()) {
            throw new IllegalArgumentException("PairedAB: no such jar: " + jar);
        }
        // The parent is the platform loader, so nothing of chainrule leaks in from this tool's own class path.
        ClassLoader loader = new URLClassLoader(new URL[] {file.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = Class.forName("io.github.chainrule.bench." + className, true, loader);
        Object state = type.getConstructor().newInstance();
        if (!settings.equals("-")) {
            for (String setting : settings.split(",")) {
                String[] kv = setting.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("PairedAB: a setting is field=value, got " + setting);
                }
                Field field = type.getField(kv[0]);
                field.set(state, field.getType() == int.class ? (Object) Integer.parseInt(kv[1]) : kv[1]);
            }
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals("setUp") && m.getParameterCount() == 0) {
                m.invoke(state);
            }
        }
        return new Build(jar, state, type.getMethod(method));
    }

    private static int positive(String what, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("PairedAB: " + what + " must be at least 1, got " + n);
        }
        return n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
