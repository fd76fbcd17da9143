package io.github.chainrule.nn;

/** Settings the nn property suite shares. */
public final class SuiteChecks {
    /**
     * The finite-difference step of the nn properties that check gradients on random inputs: 1e-6, as core's
     * op suite takes it (see its {@code OpGradientProperties.EPSILON}). With the course's ε = 1e-7 the
     * difference's round-off (order 1e-16·|f|/ε) reaches 1e-7 of a small gradient now and then: softmax over
     * two classes on one random seed gave a relative error of 1.6e-7, autodiff's gradient being right, so
     * the check would fail on the finite difference's error rather than on autodiff's. At 1e-6 truncation
     * and round-off balance near the best precision a centered difference can reach in double precision.
     */
    public static final double EPSILON = 1e-6;

    private SuiteChecks() {
    }
}
