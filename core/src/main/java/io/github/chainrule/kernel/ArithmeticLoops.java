package io.github.chainrule.kernel;

import java.util.function.DoubleBinaryOperator;

/**
 * The four arithmetic operators, and equality, max and min for reductions, each with its elementwise loop
 * written out on its own.
 *
 * <p>Why not one loop over a {@link DoubleBinaryOperator}: a loop that every op shares calls its
 * operator through one call site, and once that site has seen more than two operator classes the JIT
 * stops inlining it. Every element then costs a virtual call instead of a share of a vector instruction:
 * in the course's network, scaling the 20 × 12288 gradient of W[1] by the learning rate took 0.85 ms
 * instead of 0.17. A loop of its own per operator stays monomorphic, so the JIT vectorizes it.
 *
 * <p>{@link #rows} computes one run of output elements whose operands advance by strides of 1 (a
 * contiguous run) or 0 (a broadcast scalar); {@link Strided#zip} calls it once per row of a broadcast,
 * or once for the whole tensor when the shapes match.
 */
public enum ArithmeticLoops implements DoubleBinaryOperator {
    /** a + b. */
    ADD {
        @Override
        public double applyAsDouble(double x, double y) {
            return x + y;
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && ia == io && sb <= 1) {   // one index for out and a: see rows below
                if (sb == 0) {
                    double y = b[ib];
                    for (int j = io; j < io + n; j++) {
                        out[j] = a[j] + y;
                    }
                } else {
                    for (int j = io, d = ib - io; j < io + n; j++) {
                        out[j] = a[j] + b[j + d];
                    }
                }
            } else if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] + b[ib + j];
                }
            } else if (sa == 1 && sb == 0) {
                double y = b[ib];
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] + y;
                }
            } else if (sa == 0 && sb == 1) {
                double x = a[ia];
                for (int j = 0; j < n; j++) {
                    out[io + j] = x + b[ib + j];
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** a − b. */
    SUB {
        @Override
        public double applyAsDouble(double x, double y) {
            return x - y;
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && ia == io && sb <= 1) {   // one index for out and a: see rows below
                if (sb == 0) {
                    double y = b[ib];
                    for (int j = io; j < io + n; j++) {
                        out[j] = a[j] - y;
                    }
                } else {
                    for (int j = io, d = ib - io; j < io + n; j++) {
                        out[j] = a[j] - b[j + d];
                    }
                }
            } else if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] - b[ib + j];
                }
            } else if (sa == 1 && sb == 0) {
                double y = b[ib];
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] - y;
                }
            } else if (sa == 0 && sb == 1) {
                double x = a[ia];
                for (int j = 0; j < n; j++) {
                    out[io + j] = x - b[ib + j];
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** a · b. */
    MUL {
        @Override
        public double applyAsDouble(double x, double y) {
            return x * y;
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && ia == io && sb <= 1) {   // one index for out and a: see rows below
                if (sb == 0) {
                    double y = b[ib];
                    for (int j = io; j < io + n; j++) {
                        out[j] = a[j] * y;
                    }
                } else {
                    for (int j = io, d = ib - io; j < io + n; j++) {
                        out[j] = a[j] * b[j + d];
                    }
                }
            } else if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] * b[ib + j];
                }
            } else if (sa == 1 && sb == 0) {
                double y = b[ib];
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] * y;
                }
            } else if (sa == 0 && sb == 1) {
                double x = a[ia];
                for (int j = 0; j < n; j++) {
                    out[io + j] = x * b[ib + j];
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** a / b. */
    DIV {
        @Override
        public double applyAsDouble(double x, double y) {
            return x / y;
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && ia == io && sb <= 1) {   // one index for out and a: see rows below
                if (sb == 0) {
                    double y = b[ib];
                    for (int j = io; j < io + n; j++) {
                        out[j] = a[j] / y;
                    }
                } else {
                    for (int j = io, d = ib - io; j < io + n; j++) {
                        out[j] = a[j] / b[j + d];
                    }
                }
            } else if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] / b[ib + j];
                }
            } else if (sa == 1 && sb == 0) {
                double y = b[ib];   // not multiplied by 1/y: a/y must round as numpy's does
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] / y;
                }
            } else if (sa == 0 && sb == 1) {
                double x = a[ia];
                for (int j = 0; j < n; j++) {
                    out[io + j] = x / b[ib + j];
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** 1 where a == b, else 0 (NaN equals nothing): where a max or min reduction routes its gradient. */
    EQUAL {
        @Override
        public double applyAsDouble(double x, double y) {
            return x == y ? 1.0 : 0.0;
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] == b[ib + j] ? 1.0 : 0.0;
                }
            } else if (sa == 1 && sb == 0) {
                double y = b[ib];
                for (int j = 0; j < n; j++) {
                    out[io + j] = a[ia + j] == y ? 1.0 : 0.0;
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** max(a, b), NaN if either is NaN ({@link Math#max}): the fold of a max reduction. */
    MAX {
        @Override
        public double applyAsDouble(double x, double y) {
            return Math.max(x, y);
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = Math.max(a[ia + j], b[ib + j]);
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    },
    /** min(a, b), NaN if either is NaN ({@link Math#min}): the fold of a min reduction. */
    MIN {
        @Override
        public double applyAsDouble(double x, double y) {
            return Math.min(x, y);
        }

        @Override
        void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
            if (sa == 1 && sb == 1) {
                for (int j = 0; j < n; j++) {
                    out[io + j] = Math.min(a[ia + j], b[ib + j]);
                }
            } else {
                super.rows(a, ia, sa, b, ib, sb, out, io, n);
            }
        }
    };

    /**
     * Computes {@code out[io + j] = a[ia + j·sa] ∘ b[ib + j·sb]} for {@code j < n}. The operators override
     * it with loops of their own for the common strides; this general form is their fallback (a stride past
     * 1, as when reading a transpose) and goes through {@link #applyAsDouble} element by element.
     *
     * <p>The four arithmetic operators first try a loop with one index for the output and the first
     * operand, taken when that operand is read where the output is written (a same-shape zip, a bias
     * column or a scalar added to a matrix): C2 (JDK 17) vectorizes {@code out[j] = a[j] + y}, but
     * {@code out[io + j] = a[ia + j] + y} with two offsets, which may name one array at two places, it
     * compiles to a loop about 1.8 times slower (a 128 × 1024 matrix plus a column: 43 µs against 23).
     */
    void rows(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int io, int n) {
        for (int j = 0, xa = ia, xb = ib; j < n; j++, xa += sa, xb += sb) {
            out[io + j] = applyAsDouble(a[xa], b[xb]);
        }
    }
}
