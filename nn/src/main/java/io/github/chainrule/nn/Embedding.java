package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * A lookup table of learned vectors, one per token: E of shape (dim, vocabulary), so that the embeddings
 * of m tokens come out as (dim, m), one column per example, in the course's layout.
 *
 * <p>The forward pass selects columns, {@code E.indexSelect(1, indices)}; its gradient scatters each
 * column's gradient back into the column it came from, adding up for tokens used more than once, and
 * leaves unused columns at 0. E starts as N(0, 1) (PyTorch's default) and is a weight: regularization
 * penalizes it.
 */
public final class Embedding extends Layer {
    private final int vocabulary;
    private final int dim;
    private final Tensor E;

    /**
     * Creates a table of {@code vocabulary} vectors of size {@code dim}, drawn N(0, 1) from {@code rng}.
     *
     * @param vocabulary how many tokens, positive
     * @param dim        the size of each vector, positive
     * @param rng        the seeded generator
     * @throws IllegalArgumentException if a size is not positive or rng is null
     */
    public Embedding(int vocabulary, int dim, Random rng) {
        if (vocabulary <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: vocabulary and dim must be positive, got " + vocabulary + " and " + dim);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Embedding: random generator is null (pass a seeded java.util.Random)");
        }
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.E = addWeight("E", Tensor.randn(rng, dim, vocabulary));
    }

    /**
     * Returns the embeddings of the given tokens, (dim, m).
     *
     * @param tokens token indices, each in [0, vocabulary)
     * @return one column per token
     * @throws IllegalArgumentException naming the position and the index if one is out of range
     */
    public Tensor lookup(int... tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("Embedding: tokens is null");
        }
        for (int j = 0; j < tokens.length; j++) {
            if (tokens[j] < 0 || tokens[j] >= vocabulary) {
                throw new IllegalArgumentException("Embedding: token " + j + " is index " + tokens[j]
                        + ", outside the vocabulary [0, " + vocabulary + ")");
            }
        }
        return E.indexSelect(1, tokens);
    }

    /**
     * Returns the embeddings of the tokens held in {@code A}, a (1, m) or (m) tensor of whole numbers.
     *
     * @param A the token indices as doubles
     * @return the embeddings, (dim, m)
     * @throws IllegalArgumentException if A is not one row or a vector, or holds a value that is not an index
     *                                  of the vocabulary
     */
    @Override
    public Tensor forward(Tensor A) {
        if (A == null || !(A.rank() == 1 || (A.rank() == 2 && A.shape().dim(0) == 1))) {
            throw new IllegalArgumentException("Embedding: needs token indices of shape (1, m) or (m), got "
                    + (A == null ? "null" : "shape " + A.shape()));
        }
        double[] v = A.toArray();
        int[] tokens = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] >= 0 && v[j] < vocabulary && v[j] == Math.rint(v[j]))) {
                throw new IllegalArgumentException("Embedding: token " + j + " is " + v[j]
                        + ", not an index of the vocabulary [0, " + vocabulary + ")");
            }
            tokens[j] = (int) v[j];
        }
        return E.indexSelect(1, tokens);
    }

    /**
     * Returns the table E, (dim, vocabulary): the live parameter.
     *
     * @return E
     */
    public Tensor E() {
        return E;
    }

    @Override
    public String toString() {
        return "Embedding(" + vocabulary + " tokens, dim " + dim + ")";
    }
}
