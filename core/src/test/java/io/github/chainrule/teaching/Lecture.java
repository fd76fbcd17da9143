package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the lecture-style tests share: printing a step with the course's names, only when a student asked.
 *
 * <p>A teaching test prints when it is run alone ({@code ./mvnw -q -pl core test -Dtest=ShallowNetworkLecture}:
 * Maven passes {@code -Dtest} on to the test JVM, and the name of the running class is in it) or when
 * {@code -Dchainrule.teach=true} is given; in the full build (CI) it is quiet and only asserts.
 */
public final class Lecture {
    /** How far the course's formula and autodiff may differ: round-off of a few operations on values near 1. */
    public static final double TOL = 1e-12;
    /**
     * The kernel choice is logged once at INFO, which would be the first line of a lecture's output; the
     * lectures print numbers only. Held here so the logger (and its level) is not collected.
     */
    private static final java.util.logging.Logger KERNEL_LOG = java.util.logging.Logger.getLogger("io.github.chainrule.kernel");

    static {
        KERNEL_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final boolean speaking;

    private Lecture(boolean speaking) {
        this.speaking = speaking;
    }

    /**
     * Returns the voice of one lecture class: it speaks if teaching output was asked for, or if the
     * {@code test} property that selected the tests names this class.
     *
     * @param lecture the test class
     * @return the lecture's voice
     */
    public static Lecture of(Class<?> lecture) {
        String selected = System.getProperty("test", "");
        boolean alone = !selected.isEmpty() && selected.contains(lecture.getSimpleName());
        return new Lecture(alone || Boolean.getBoolean("chainrule.teach"));
    }

    /**
     * Returns true if this lecture prints its steps.
     *
     * @return whether the steps are printed
     */
    public boolean speaking() {
        return speaking;
    }

    /**
     * Prints a heading for one lecture.
     *
     * @param title the lecture's title, e.g. the course week and topic
     */
    public void title(String title) {
        if (speaking) {
            System.out.println();
            System.out.println("== " + title + " ==");
        }
    }

    /**
     * Prints one line of explanation.
     *
     * @param format a {@link String#format} pattern
     * @param args its arguments
     */
    public void say(String format, Object... args) {
        if (speaking) {
            System.out.println(String.format(Locale.ROOT, format, args));
        }
    }

    /**
     * Prints a named tensor with its shape, a matrix row by row, e.g. {@code dW1 (3, 2) = [[...], [...]]}.
     *
     * @param name the course's name for the quantity
     * @param t its value
     */
    public void show(String name, Tensor t) {
        if (speaking) {
            System.out.println(name + " " + t.shape() + " = " + values(t));
        }
    }

    /**
     * Prints a named number.
     *
     * @param name the course's name for it
     * @param v its value
     */
    public void show(String name, double v) {
        if (speaking) {
            System.out.println(name + " = " + number(v));
        }
    }

    /**
     * Asserts that the course's hand formula and the engine's backward pass agree on a quantity, to
     * round-off, and prints it: {@code dW2 (1, 3) = [...]   = W2.grad()}.
     *
     * @param name the course's name, e.g. {@code dW2}
     * @param course the value from the course's formula
     * @param where how the engine's value was read, e.g. {@code W2.grad()}
     * @param engine the engine's value
     */
    public void step(String name, Tensor course, String where, Tensor engine) {
        assertEquals(course.shape(), engine.shape(), name + ": shape of " + where);
        double[] c = course.toArray();
        double[] e = engine.toArray();
        for (int i = 0; i < c.length; i++) {
            assertEquals(c[i], e[i], TOL * Math.max(1, Math.abs(c[i])), name + "[" + i + "] from the course's formula vs " + where);
        }
        if (speaking) {
            System.out.println(name + " " + course.shape() + " = " + values(course) + "   = " + where);
        }
    }

    /**
     * Asserts that a number from the course equals the engine's, to round-off, and prints it.
     *
     * @param name the course's name, e.g. {@code dJ/da}
     * @param course the course's value
     * @param where how the engine's value was read
     * @param engine the engine's value
     */
    public void step(String name, double course, String where, double engine) {
        assertEquals(course, engine, TOL * Math.max(1, Math.abs(course)), name + " from the course vs " + where);
        if (speaking) {
            System.out.println(name + " = " + number(course) + "   = " + where);
        }
    }

    private static String values(Tensor t) {
        double[] v = t.toArray();
        if (t.rank() != 2) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(number(v[i]));
            }
            return sb.append("]").toString();
        }
        int rows = t.shape().dim(0);
        int cols = t.shape().dim(1);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            sb.append(i > 0 ? ", [" : "[");
            for (int j = 0; j < cols; j++) {
                sb.append(j > 0 ? ", " : "").append(number(v[i * cols + j]));
            }
            sb.append("]");
        }
        return sb.append("]").toString();
    }

    /** Eight significant digits, trailing zeros dropped: 6, 0.0014555781, −1.2339458e−04. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.8g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
