package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;

import java.util.Locale;

/**
 * What the lecture-style tests share: printing a step with the course's names, only when a student asked.
 *
 * <p>A teaching test prints when it is run alone ({@code ./mvnw -q -pl core test -Dtest=ShallowNetworkLecture}:
 * Maven passes {@code -Dtest} on to the test JVM, and the name of the running class is in it) or when
 * {@code -Dchainrule.teach=true} is given; in the full build (CI) it is quiet and only asserts.
 */
public final class Lecture {
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

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
