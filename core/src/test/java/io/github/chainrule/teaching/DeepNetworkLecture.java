package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Course 1, week 4, "Forward and backward propagation" and "Building blocks of deep neural networks": an
 * L-layer network (relu hidden layers, a sigmoid output) whose forward pass keeps a cache per layer,
 * (A[l−1], W[l], b[l], Z[l]), and whose backward pass, layer L down to 1, is
 * <pre>
 *   dZ[l] = dA[l] * g[l]′(Z[l])   (dZ[L] = A[L] − Y)
 *   dW[l] = (1/m) dZ[l]·A[l−1]ᵀ     db[l] = (1/m) Σ dZ[l] (axis 1, keepdims)     dA[l−1] = W[l]ᵀ·dZ[l]
 * </pre>
 * The engine keeps the same cache without being asked: each op holds its inputs (the matmul W[l] and
 * A[l−1], the relu Z[l]) until the backward pass has used them. Here the lecture keeps its own cache and
 * checks every step against the engine's gradients, the course's d's being m times the engine's ∂J/∂·.
 */
class DeepNetworkLecture {
    private final Lecture lecture = Lecture.of(DeepNetworkLecture.class);

    /** One layer's cache, as the assignment's linear_activation_forward returns it. */
    private record Cache(Tensor Aprev, Tensor W, Tensor b, Tensor Z, Tensor A) {
    }

    @Test
    void everyLayersDwDbAndDaPrevFollowFromItsCacheAndTheLayerAbove() {
        int[] n = {3, 4, 3, 1};                                  // layer_dims: n[0] = n_x, ..., n[L] = 1
        int L = n.length - 1;
        int m = 5;
        lecture.title("C1 W4: an L-layer network (L = " + L + ", layer_dims = [3, 4, 3, 1]) and its caches");
        Random rng = new Random(4);
        Tensor X = Tensor.randn(rng, n[0], m);
        Tensor Y = Tensor.matrix(new double[][] {{1, 0, 0, 1, 1}});

        List<Cache> caches = new ArrayList<>();
        Tensor A = X;
        for (int l = 1; l <= L; l++) {
            Tensor W = Tensor.randn(rng, n[l], n[l - 1]).mul(0.5).requiresGrad();
            Tensor b = Tensor.randn(rng, n[l], 1).mul(0.1).requiresGrad();
            Tensor Z = W.matmul(A).add(b).retainGrad();
            Tensor Anext = (l < L ? Z.relu() : Z.sigmoid()).retainGrad();
            caches.add(new Cache(A, W, b, Z, Anext));
            lecture.say("layer %d: W%d %s, b%d %s, Z%d and A%d %s", l, l, W.shape(), l, b.shape(), l, l, Z.shape());
            assertEquals(n[l], W.shape().dim(0));
            assertEquals(n[l - 1], W.shape().dim(1));
            A = Anext;
        }
        Tensor J = Course.cost(A, Y);
        lecture.show("J", J.item());
        J.backward();

        Tensor dA = null;
        for (int l = L; l >= 1; l--) {
            Cache c = caches.get(l - 1);
            Tensor Z = c.Z().detach();
            Tensor dZ = l == L
                    ? c.A().detach().sub(Y)                                        // dZ[L] = A[L] − Y
                    : dA.mul(relu(Z));                                             // dZ[l] = dA[l] * relu′(Z[l])
            lecture.step("dZ" + l, dZ, "m · Z" + l + ".grad()", c.Z().grad().mul(m));
            Tensor dW = dZ.matmul(c.Aprev().detach().transpose()).mul(1.0 / m);
            lecture.step("dW" + l + " = (1/m) dZ" + l + "·A" + (l - 1) + "ᵀ", dW, "W" + l + ".grad()", c.W().grad());
            Tensor db = Course.sumOverExamples(dZ).mul(1.0 / m);
            lecture.step("db" + l + " = (1/m) Σ dZ" + l, db, "b" + l + ".grad()", c.b().grad());
            dA = c.W().detach().transpose().matmul(dZ);                            // dA[l−1] = W[l]ᵀ·dZ[l]
            if (l > 1) {
                lecture.step("dA" + (l - 1) + " = W" + l + "ᵀ·dZ" + l, dA, "m · A" + (l - 1) + ".grad()",
                        caches.get(l - 2).A().grad().mul(m));
            }
        }
    }

    /** relu′(Z) = [Z ≥ 0], 1 at 0 as the course takes it. */
    private static Tensor relu(Tensor Z) {
        double[] v = Z.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] >= 0 ? 1 : 0;
        }
        return Tensor.of(v, Z.shape().dims());
    }
}
