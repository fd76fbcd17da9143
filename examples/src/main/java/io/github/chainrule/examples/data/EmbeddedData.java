package io.github.chainrule.examples.data;

import io.github.chainrule.nn.data.Csv;
import io.github.chainrule.nn.data.LabeledData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Loads the datasets shipped inside the examples module ({@code src/main/resources/data}; see the README
 * and NOTICE there for each file's provenance and licence). They are read from the classpath, so the
 * examples run from a fresh clone or a jar without any other file.
 */
public final class EmbeddedData {
    /** Fashion-MNIST's class names, by label. */
    public static final String[] FASHION_CLASSES = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    private EmbeddedData() {
    }

    /** Breast Cancer Wisconsin (Diagnostic): 569 examples, 30 features; label 0 = malignant, 1 = benign. */
    public static LabeledData breastCancer() {
        return load("breast_cancer.csv");
    }

    /** The 8×8 handwritten digits: 1797 examples, 64 pixels valued 0..16; label the digit. */
    public static LabeledData digits8x8() {
        return load("digits8x8.csv");
    }

    /** 5000 MNIST images of 28×28 pixels valued 0..255; label the digit. */
    public static LabeledData mnistTrain() {
        return load("mnist_train_5000.csv.gz");
    }

    /** 1000 further MNIST images (disjoint from {@link #mnistTrain()}); label the digit. */
    public static LabeledData mnistTest() {
        return load("mnist_test_1000.csv.gz");
    }

    /** The first 2000 Fashion-MNIST training images, 28×28 pixels valued 0..255; label the class. */
    public static LabeledData fashionTrain() {
        return load("fashion_train_2000.csv.gz");
    }

    /** The first 1000 Fashion-MNIST test images; label the class. */
    public static LabeledData fashionTest() {
        return load("fashion_test_1000.csv.gz");
    }

    /**
     * Loads the embedded file {@code data/<name>} (gunzipped when the name ends in {@code .gz}).
     *
     * @throws IllegalArgumentException if no such file is embedded
     */
    public static LabeledData load(String name) {
        String resource = "/data/" + name;
        try (InputStream raw = EmbeddedData.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("EmbeddedData.load: no embedded data file '" + name
                        + "' (looked for classpath resource " + resource + ")");
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return Csv.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("EmbeddedData.load: cannot read " + resource, e);
        }
    }
}
