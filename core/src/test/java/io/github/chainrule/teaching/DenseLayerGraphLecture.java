package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import io.github.chainrule.viz.Dot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Course 1, week 3, one dense layer as a computation graph: Z = W·A0 + b → A = σ(Z) → J, the cross-entropy
 * cost, on m = 2 examples, drawn by the engine's own graph export ({@link Dot}) with every node's value and
 * gradient. The picture {@code docs/images/dense_layer.png} is this graph; make it again with
 * <pre>
 *   ./mvnw -q -pl core test -Dtest=DenseLayerGraphLecture
 *   dot -Tpng -Gdpi=80 core/target/teaching/dense_layer.dot -o docs/images/dense_layer.png
 * </pre>
 */
class DenseLayerGraphLecture {
    /** Where the DOT text is written when the lecture is run alone (or with -Dchainrule.teach=true). */
    static final Path DOT_FILE = Path.of("target", "teaching", "dense_layer.dot");
    private final Lecture lecture = Lecture.of(DenseLayerGraphLecture.class);

    @Test
    void theGraphOfOneDenseLayerShowsEachNodesValueAndGradient() throws IOException {
        lecture.title("C1 W3: one dense layer as a graph, Z = W·A0 + b -> σ -> J (m = 2)");
        Tensor W = Tensor.matrix(new double[][] {{0.5, -0.3}}).requiresGrad().named("W");          // (n[1], n[0]) = (1, 2)
        Tensor b = Tensor.matrix(new double[][] {{0.1}}).requiresGrad().named("b");                // (n[1], 1)
        Tensor A0 = Tensor.matrix(new double[][] {{1.0, 2.0}, {-1.0, 0.5}}).named("A0 = X");         // (n[0], m)
        Tensor Y = Tensor.matrix(new double[][] {{1, 0}}).named("Y");
        Tensor oneMinusY = Tensor.ones(1, 1).sub(Y).named("1 − Y");
        int m = 2;

        Tensor WA = W.matmul(A0).retainGrad().named("W·A0");
        Tensor Z = WA.add(b).retainGrad().named("Z");
        Tensor A = Z.sigmoid().retainGrad().named("A = σ(Z)");
        Tensor logA = A.log().retainGrad().named("ln A");
        Tensor oneMinusA = Tensor.ones(1, 1).sub(A).retainGrad().named("1 − A");
        Tensor log1mA = oneMinusA.log().retainGrad().named("ln(1 − A)");
        Tensor yLogA = Y.mul(logA).retainGrad().named("Y·ln A");
        Tensor rest = oneMinusY.mul(log1mA).retainGrad().named("(1 − Y)·ln(1 − A)");
        Tensor sumTerms = yLogA.add(rest).retainGrad().named("Y·ln A + (1 − Y)·ln(1 − A)");
        Tensor L = sumTerms.neg().retainGrad().named("L, per example");
        Tensor sumL = L.sum().retainGrad().named("Σ L");
        Tensor J = sumL.mul(1.0 / m).retainGrad().named("J = (1/m) Σ L");
        J.backward(null, true, false);                     // keep the graph, to draw it with its gradients

        String dot = Dot.render(J, 4);
        // The course's numbers are on the picture: dZ = A − Y appears as ∂J/∂Z = (A − Y)/m.
        double[] a = A.toArray();
        double[] dZ = Z.grad().toArray();
        for (int j = 0; j < m; j++) {
            assertTrue(Math.abs(dZ[j] - (a[j] - Y.toArray()[j]) / m) < Lecture.TOL, "∂J/∂Z = (A − Y)/m");
        }
        for (String node : new String[] {"W |", "b |", "Z |", "A = σ(Z) |", "J = (1/m) Σ L |"}) {
            assertTrue(dot.contains(node), node + " is on the picture:\n" + dot);
        }
        assertTrue(dot.contains("grad [[" + String.format(java.util.Locale.ROOT, "%.4f", W.grad().get(0, 0))), dot);
        lecture.show("Z", Z);
        lecture.show("A", A);
        lecture.show("J", J.item());
        lecture.show("∂J/∂Z = (A − Y)/m", Z.grad());
        lecture.show("dW = ∂J/∂Z·A0ᵀ", W.grad());
        lecture.show("db = Σ over axis 1 of ∂J/∂Z", b.grad());
        if (lecture.speaking()) {
            Files.createDirectories(DOT_FILE.getParent());
            // Top to bottom, as the course draws a network's layers; Dot's default, left to right, suits chains.
            Files.writeString(DOT_FILE, dot.replace("rankdir=LR", "rankdir=TB"), StandardCharsets.UTF_8);
            lecture.say("wrote %s; render it with: dot -Tpng -Gdpi=80 core/%s -o docs/images/dense_layer.png", DOT_FILE, DOT_FILE);
        }
    }
}
