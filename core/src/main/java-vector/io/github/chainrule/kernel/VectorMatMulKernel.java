package io.github.chainrule.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * chainrule's fastest matrix-multiply kernel: the cache-blocked, packed loop nest of {@link PackedMatMul}
 * around a micro-kernel of fused multiply-adds on the JDK Vector API, its tile chosen by the vector width.
 *
 * <p>It needs the incubator module {@code jdk.incubator.vector} ({@code --add-modules
 * jdk.incubator.vector}); {@link Kernels} picks it at run time only when that module is present, so this
 * class is never loaded otherwise. It is compiled separately from the rest of core (see core's pom.xml),
 * because javac's {@code --release 17} does not see incubator modules.
 *
 * <p>With 256-bit vectors (AVX2, 16 vector registers) a tile is 6 rows × 2 vectors (8 columns) of C in 12
 * registers; each step of the inner loop loads 2 vectors of op(B), broadcasts 6 values of op(A) and issues
 * 12 FMAs, which keeps both FMA pipes of a core busy. With 512-bit vectors (AVX-512, 32 registers) a tile
 * is 4 rows × 3 vectors (24 columns), 12 accumulators again: the same FMAs per load of B with fewer rows,
 * which suits the course's short, wide products (20 rows: five 4-row tiles, where 6-row tiles compute 24),
 * and was faster on 1024³ too (26.4 against 29.7 ms on one thread). The 4 × 3 tile is not used on AVX2:
 * there its 12 accumulators, 3 B vectors and a broadcast overflow the 16 registers, and it ran at half speed.
 */
public final class VectorMatMulKernel extends PackedMatMul {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final boolean WIDE = L >= 8;     // 512-bit vectors: the 4 × 3 tile
    private static final int MR = WIDE ? 4 : 6;
    private static final int NR = (WIDE ? 3 : 2) * L;
    /** The largest op(A), in doubles, packed rather than read in place with 256-bit vectors: 64 KiB. */
    private static final long PACKED_SMALL_A = 8192;

    private final PackedMatMul narrow;
    private final PackedMatMul tall;
    private final PackedMatMul exact;

    /** Creates the kernel using every core for large products. */
    public VectorMatMulKernel() {
        this(availableCores());
    }

    /**
     * Creates the kernel using at most {@code threads} threads per product.
     *
     * @param threads the largest number of threads one product may use, at least 1
     * @throws IllegalArgumentException if threads is less than 1
     */
    public VectorMatMulKernel(int threads) {
        super(MR, NR, threads);
        this.narrow = WIDE ? new Narrow(threads) : null;
        this.tall = WIDE ? new Tall(threads) : null;
        this.exact = WIDE ? new Exact(threads) : null;
    }

    /**
     * With 512-bit vectors, a C that the 8 × (2 vectors) tile covers exactly (rows a multiple of 8, columns of
     * 16) is computed by it when 24-column tiles would pad it by more than a sixteenth: no ragged tile, no
     * edge buffer (a minibatch's 32 × 64 · 64 × 64 on one thread: 40.7 → 52.8 GFLOP/s). Otherwise, a C that
     * pads badly to 4-row, 24-column tiles (16 columns to 24, 25 to 48; LeNet's 6 filters to 8 rows) is
     * computed by the 6 × (2 vectors) tile instead when its padded area is at least an eighth less: the 6 × 2
     * tile does a little less per load of B, so it is not used where both pad alike (the first convolution's
     * forward, 6 × 25 · 25 × 668, on one thread: 26.1 → 45.3 GFLOP/s). A C with many rows is
     * computed by the 8 × (3 vectors) tile, which loads each B vector once per 8 rows instead of 4 (1024³ on
     * one thread: 52.8–54.7 → 48.1–52.1 ms), when it has at least a full A block of rows (96) and padding its
     * rows to 8 costs at most a thirty-second more arithmetic. That includes the swapped one-panel products,
     * whose big op(A) is read in place: the course's dW1 = dZ1·Xᵀ, computed as X·dZ1ᵀ (12288 × 20), on both
     * cores of an Intel Xeon guest took 0.99 against 1.16 ms. The short products of the course (20 rows) stay
     * on the 4-row tile: W1·X took 1.51 ms on the 8-row one against 1.08.
     */
    @Override
    protected PackedMatMul kernelFor(int m, int n) {
        if (narrow == null) {
            return this;
        }
        int wide = roundUp(n, NR);
        if (m % exact.tileHeight() == 0 && n % exact.tileWidth() == 0 && 16 * (wide - n) > n) {
            return exact;
        }
        long padded = (long) roundUp(m, MR) * wide;
        long narrowed = (long) roundUp(m, narrow.tileHeight()) * roundUp(n, narrow.tileWidth());
        if (8 * narrowed < 7 * padded) {
            return narrow;
        }
        int tallRows = roundUp(m, tall.tileHeight());
        return m >= 96 && 32 * (tallRows - m) <= m ? tall : this;
    }

    /**
     * Dot products of rows, two rows of A by two of B at a time (4 accumulators, 4 loads per 4 FMAs, every
     * lane useful), each reduced across its lanes at the end and finished with the depth's last few values;
     * a ragged last row or column repeats its neighbour and is not stored. LeNet's first filter gradient
     * (25 × 6 from a depth of 892) on one thread: 18–21 µs per image on the 6 × 16 tile, which pads its 6
     * columns to 16, and 10.7–11.1 µs this way (two rows by three of B: 12.3).
     */
    @Override
    protected boolean innerProducts(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff,
                                    int m, int n, int k, boolean accumulate) {
        int upper = S.loopBound(k);
        for (int i = 0; i < m; i += 2) {
            int a0 = aOff + i * lda;
            int a1 = i + 1 < m ? a0 + lda : a0;
            for (int j = 0; j < n; j += 2) {
                int b0 = bOff + j * ldb;
                int b1 = j + 1 < n ? b0 + ldb : b0;
                DoubleVector s00 = DoubleVector.zero(S);
                DoubleVector s01 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                for (int p = 0; p < upper; p += L) {
                    DoubleVector x0 = DoubleVector.fromArray(S, a, a0 + p);
                    DoubleVector x1 = DoubleVector.fromArray(S, a, a1 + p);
                    DoubleVector y0 = DoubleVector.fromArray(S, b, b0 + p);
                    DoubleVector y1 = DoubleVector.fromArray(S, b, b1 + p);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                }
                double d00 = s00.reduceLanes(VectorOperators.ADD);
                double d01 = s01.reduceLanes(VectorOperators.ADD);
                double d10 = s10.reduceLanes(VectorOperators.ADD);
                double d11 = s11.reduceLanes(VectorOperators.ADD);
                for (int p = upper; p < k; p++) {
                    d00 += a[a0 + p] * b[b0 + p];
                    d01 += a[a0 + p] * b[b1 + p];
                    d10 += a[a1 + p] * b[b0 + p];
                    d11 += a[a1 + p] * b[b1 + p];
                }
                int at = cOff + i * n + j;
                c[at] = accumulate ? c[at] + d00 : d00;
                if (j + 1 < n) {
                    c[at + 1] = accumulate ? c[at + 1] + d01 : d01;
                }
                if (i + 1 < m) {
                    c[at + n] = accumulate ? c[at + n] + d10 : d10;
                    if (j + 1 < n) {
                        c[at + n + 1] = accumulate ? c[at + n + 1] + d11 : d11;
                    }
                }
            }
        }
        return true;
    }

    /** The 6 × (2 vectors) tile at 512 bits, for narrow products: see {@link #kernelFor}. */
    private static final class Narrow extends PackedMatMul {
        Narrow(int threads) {
            super(6, 2 * L, threads);
        }

        @Override
        protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff,
                                   int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
            sixByTwo(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }

        @Override
        public String name() {
            return "vector-narrow-" + threads() + "t(" + L * 64 + "-bit, 6x" + 2 * L + ")";
        }
    }

    /**
     * The 8 × (2 vectors) tile at 512 bits, for a C that it covers exactly where 24-column tiles would pad it
     * by more than a sixteenth: a minibatch's 32 × 64, attention's 128 × 128 scores and 128 × 16 heads.
     */
    private static final class Exact extends PackedMatMul {
        Exact(int threads) {
            super(8, 2 * L, threads);
        }

        @Override
        protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff,
                                   int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
            eightByTwo(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }

        @Override
        public String name() {
            return "vector-exact-" + threads() + "t(" + L * 64 + "-bit, 8x" + 2 * L + ")";
        }
    }

    /**
     * The 8 × (3 vectors) tile at 512 bits, for C with many rows: see {@link #kernelFor}. Its blocks are
     * {@link #tallDepth} deep rather than the default 256, so each tile call runs more steps per load and store
     * of its C, and {@link #tallBlockRows} tall, so that the A block stays in L2 while the column panels stream
     * past it.
     */
    private static final class Tall extends PackedMatMul {
        Tall(int threads) {
            super(8, NR, threads, tallDepth(CacheSize.level2Bytes()), tallBlockRows(CacheSize.level2Bytes()));
        }

        @Override
        protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff,
                                   int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
            if (aRowStride == 1 && aStep == 8 && ldb == NR) {
                packed8x3(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
            } else {
                tile8x3(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        }

        @Override
        public String name() {
            return "vector-tall-" + threads() + "t(" + L * 64 + "-bit, 8x" + NR + ")";
        }
    }

    /**
     * Returns the depth of the tall tile's packed blocks for a level-2 cache of {@code l2Bytes}: 1024 from 2 MiB,
     * else 512. On an Intel Xeon guest (2 MiB L2), alternating JMH runs of W3: 1024 deep against 512, 1024³ on
     * one thread 25.7–26.2 against 26.8–29.5 ms, 2048³ 216–219 against 226–230, on two threads 15.0–15.3 against
     * 15.4–15.8 and 116–117 against 121–124 (256 deep: 28.9–29.3 at 1024³ on one thread; 768: 27.2–27.3). The
     * 1 MiB Zen 4 where 512 was measured keeps it.
     *
     * @param l2Bytes the per-core level-2 cache in bytes, 0 if unknown
     * @return the depth of a block, in steps of the inner dimension
     */
    static int tallDepth(long l2Bytes) {
        return l2Bytes >= 2L << 20 ? 1024 : 512;
    }

    /**
     * Returns the rows of the tall tile's A block for a level-2 cache of {@code l2Bytes}: 24 (96 KiB of A)
     * below 2 MiB or where the size is unknown, else as many as fill three eighths of it at {@link #tallDepth},
     * a multiple of the tile's 8 rows (96 on 2 MiB). Paired in one JVM, at a depth of 512: on an AMD Zen 4
     * (1 MiB L2), 24 rows against the default 256 × 96 block took 0.93 of the time at 1024³ on one thread and
     * 0.92 at 2048³, on two 0.98 and 0.93; on an Intel Xeon guest (2 MiB L2), 192 rows against 24 took
     * 0.93–0.95 at 1024³ on one thread and 0.91–0.94 at 2048³ (96 rows: 0.92–0.95; 256: 0.93–0.96), W6 and W7
     * unchanged. At a depth of 1024, in alternating JMH runs on a second Intel Xeon guest, 96 rows beat 48 and 192.
     *
     * @param l2Bytes the per-core level-2 cache in bytes, 0 if unknown
     * @return the A block's rows, at least 24
     */
    static int tallBlockRows(long l2Bytes) {
        if (l2Bytes < 2L << 20) {
            return 24;
        }
        long rows = l2Bytes * 3 / 8 / ((long) tallDepth(l2Bytes) * Double.BYTES) / 8 * 8;
        return (int) Math.max(24, Math.min(1024, rows));
    }

    /**
     * With 256-bit vectors, packs an op(A) of at most {@value #PACKED_SMALL_A} doubles (a minibatch's 64 × 64)
     * too: the tile over packed panels ({@link #adjacentRows6x2}) is so much faster than the strided one that packing so little
     * pays for itself (the minibatch MLP, W4, paired in one JVM on AMD Zen 3: 0.93–0.95 of the time). Larger
     * ones up to {@link PackedMatMul#IN_PLACE_A} stay in place: packing attention's 1024 × 64 projections' op(A)
     * made W7 4–10 % slower. With 512-bit vectors the strided tiles kept up, and every small op(A) stays in
     * place.
     */
    @Override
    protected boolean readsSmallAInPlace(long size) {
        return WIDE || size > PACKED_SMALL_A;
    }

    /**
     * With 256-bit vectors, the swapped form of a short, wide op(A)·Bᵀ (the course's dW1 = dZ1·Xᵀ, 20 × 209 ·
     * 209 × 12288, whose 20 rows are three of this tile's 8-column panels) keeps its big operand, X, in place,
     * read row by row by {@link #rowsInPlace6x2}, instead of packing Xᵀ's micro-panels: W2 took 0.921 of the
     * time, paired on an AMD Zen 3 (A/A 0.988; a second pairing 0.903, A/A 0.965; W4 1.001, W6 0.980, W7 1.003).
     * With 512-bit vectors the tile is 24 columns wide, one panel already holds such products, and the default
     * stays.
     */
    @Override
    protected int swappedPanels() {
        return WIDE ? 1 : 3;
    }

    /**
     * Returns the number of doubles in one vector register of this machine's preferred species.
     *
     * @return the vector length in doubles, e.g. 4 for 256-bit AVX2
     */
    public static int lanes() {
        return L;
    }

    @Override
    protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc, boolean accumulate) {
        if (WIDE) {
            fourByThree(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            sixByTwo(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The 6 × (2 vectors) tile in the copy whose A reads C2 can check least often: A's six values of a step side
     * by side (packed panels, or a transposed A in place), A's rows in place, else fully strided.
     */
    private static void sixByTwo(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                 double[] c, int cOff, int ldc, boolean accumulate) {
        if (aRowStride == 1) {
            adjacentRows6x2(kc, a, aOff, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (aStep == 1) {
            rowsInPlace6x2(kc, a, aOff, aRowStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            tile6x2(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The 6 × (2 vectors) tile for an A whose 6 values of a step lie side by side (packed panels, or a transposed
     * A read in place), B packed or read in place: A's offsets are then the constants 0…5, and C2 checks the range
     * of the six reads once, at both ends, where {@link #tile6x2}'s variable row stride costs a check for each (6
     * of its 8 compares and branches per 12 FMAs). In L1, alternating in one JVM on an AMD Zen 3: 1.14–1.15 times
     * tile6x2's speed for a convolution's 6 × 25 · 25 × 896 and the course's 256-deep blocks of W1·X. On packed
     * panels it runs level with a copy whose indices came from the loop counter (0.985 of its speed in L1; W3
     * 1024³ 0.93 and 0.99 of the time on one and two threads, W6 1.01, paired), which it replaced.
     */
    private static void adjacentRows6x2(int kc, double[] a, int aOff, int aStep, double[] b, int bOff, int ldb,
                                        double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /**
     * The 6 × (2 vectors) tile with A's rows read in place, each contiguous along the depth: every A read is
     * a row's start plus the loop counter, which C2 range-checks once before the loop instead of at each step.
     */
    private static void rowsInPlace6x2(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                       double[] c, int cOff, int ldc, boolean accumulate) {
        int a0 = aOff;
        int a1 = aOff + lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        for (int p = 0, bi = bOff; p < kc; p++, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /** The 6 × (2 vectors) tile: for 256-bit vectors, and for narrow products with 512-bit ones. */
    private static void tile6x2(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate) {
        int r1 = aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        // Written out rather than in a helper, so that no vector ever crosses a call the JIT might not inline
        // (an un-inlined call would box it and fall back to the Vector API's slow Java path).
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(S, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(S, c, cOff + L));
            c10 = c10.add(DoubleVector.fromArray(S, c, cOff + ldc));
            c11 = c11.add(DoubleVector.fromArray(S, c, cOff + ldc + L));
            c20 = c20.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc + L));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /** The 4 × (3 vectors) tile in its rows-in-place copy where A's rows lie in place, else fully strided. */
    private static void fourByThree(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff,
                                    int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        if (aStep == 1) {
            rowsInPlace4x3(kc, a, aOff, aRowStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            tile4x3(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The 4 × (3 vectors) tile with A's rows read in place, each contiguous along the depth: every A read is a
     * row's start plus the loop counter, which C2 range-checks once before the loop instead of at each step
     * (see {@link #rowsInPlace6x2}): the course's W1·X, its A the 20 × 12288 weights, and a convolution's
     * filters times an image's columns.
     */
    private static void rowsInPlace4x3(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                       double[] c, int cOff, int ldc, boolean accumulate) {
        int a0 = aOff;
        int a1 = aOff + lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c02 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c12 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + 2 * L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c22 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c32 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L) : zero;
        for (int p = 0, bi = bOff; p < kc; p++, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c12.intoArray(c, cOff + ldc + 2 * L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
    }

    /** The 4 × (3 vectors) tile, for 512-bit vectors. */
    private static void tile4x3(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate) {
        int r1 = aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
        }
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(S, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(S, c, cOff + L));
            c02 = c02.add(DoubleVector.fromArray(S, c, cOff + 2 * L));
            c10 = c10.add(DoubleVector.fromArray(S, c, cOff + ldc));
            c11 = c11.add(DoubleVector.fromArray(S, c, cOff + ldc + L));
            c12 = c12.add(DoubleVector.fromArray(S, c, cOff + ldc + 2 * L));
            c20 = c20.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc + L));
            c22 = c22.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L));
            c30 = c30.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc + L));
            c32 = c32.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c12.intoArray(c, cOff + ldc + 2 * L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
    }

    /**
     * The 8 × (2 vectors) tile in the copy whose A reads C2 can check least often, as {@link #sixByTwo} for the
     * 6-row tile: A's eight values of a step side by side (packed panels, or a transposed A in place), A's rows
     * in place, else fully strided ({@link #tile8x2}, whose variable row stride costs a compare and branch for
     * each of its 8 A reads: 80–96 instructions per 16 FMAs in W7's compiled tile).
     */
    private static void eightByTwo(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                   double[] c, int cOff, int ldc, boolean accumulate) {
        if (aRowStride == 1) {
            adjacentRows8x2(kc, a, aOff, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (aStep == 1) {
            rowsInPlace8x2(kc, a, aOff, aRowStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            tile8x2(kc, a, aOff, aRowStride, aStep, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The 8 × (2 vectors) tile for an A whose 8 values of a step lie side by side: A's offsets are the constants
     * 0…7, which C2 checks once per step at both ends (see {@link #adjacentRows6x2}).
     */
    private static void adjacentRows8x2(int kc, double[] a, int aOff, int aStep, double[] b, int bOff, int ldb,
                                        double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + L) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + L) : zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /**
     * The 8 × (2 vectors) tile with A's rows read in place, each contiguous along the depth: every A read is a
     * row's start plus the loop counter, which C2 range-checks once before the loop (see {@link #rowsInPlace6x2}).
     */
    private static void rowsInPlace8x2(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                       double[] c, int cOff, int ldc, boolean accumulate) {
        int a0 = aOff;
        int a1 = aOff + lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        int a6 = aOff + 6 * lda;
        int a7 = aOff + 7 * lda;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + L) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + L) : zero;
        for (int p = 0, bi = bOff; p < kc; p++, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /** The 8 × (2 vectors) tile: 16 accumulators, 2 B vectors and a broadcast, C loaded up front as in tile8x3. */
    private static void tile8x2(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate) {
        int r1 = aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        int r6 = 6 * aRowStride;
        int r7 = 7 * aRowStride;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + L) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + L) : zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ai + r6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ai + r7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /**
     * The 8 × (3 vectors) tile, for 512-bit vectors and C with many rows: 24 accumulators, 3 B vectors and a
     * broadcast fill 28 of the 32 registers, and each B vector loaded feeds 8 FMAs instead of 4, which halves
     * the B micro-panel traffic (KC × 24 doubles, 48 KiB: it does not fit a 32 KiB L1 and is re-read from L2
     * for every tile). C is loaded into the accumulators up front rather than added at the end, and nothing
     * else is in the method, so that it stays small enough for C2 to inline every Vector API call into it: a
     * call left out-of-line boxes its vectors and runs some 15 times slower.
     */
    private static void tile8x3(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                                double[] c, int cOff, int ldc, boolean accumulate) {
        int r1 = aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        int r6 = 6 * aRowStride;
        int r7 = 7 * aRowStride;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c02 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c12 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + 2 * L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c22 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c32 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c42 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + 2 * L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        DoubleVector c52 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + 2 * L) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + L) : zero;
        DoubleVector c62 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + 2 * L) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + L) : zero;
        DoubleVector c72 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + 2 * L) : zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ai + r6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            c62 = a6.fma(b2, c62);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ai + r7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            c72 = a7.fma(b2, c72);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c12.intoArray(c, cOff + ldc + 2 * L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c42.intoArray(c, cOff + 4 * ldc + 2 * L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c52.intoArray(c, cOff + 5 * ldc + 2 * L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c62.intoArray(c, cOff + 6 * ldc + 2 * L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
        c72.intoArray(c, cOff + 7 * ldc + 2 * L);
    }

    /**
     * The 8 × (3 vectors) tile over packed panels, the strides constants (A's 8 values of a step side by side,
     * B's rows 3 vectors apart), so that C2 removes the inner loop's range checks. Both indices are computed from
     * the loop counter, not stepped beside it: C2 then sees them as linear in the counter and removes B's checks too.
     */
    private static void packed8x3(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
                                  boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(S, c, cOff) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(S, c, cOff + L) : zero;
        DoubleVector c02 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * L) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + L) : zero;
        DoubleVector c12 = accumulate ? DoubleVector.fromArray(S, c, cOff + ldc + 2 * L) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + L) : zero;
        DoubleVector c22 = accumulate ? DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + L) : zero;
        DoubleVector c32 = accumulate ? DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + L) : zero;
        DoubleVector c42 = accumulate ? DoubleVector.fromArray(S, c, cOff + 4 * ldc + 2 * L) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + L) : zero;
        DoubleVector c52 = accumulate ? DoubleVector.fromArray(S, c, cOff + 5 * ldc + 2 * L) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + L) : zero;
        DoubleVector c62 = accumulate ? DoubleVector.fromArray(S, c, cOff + 6 * ldc + 2 * L) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + L) : zero;
        DoubleVector c72 = accumulate ? DoubleVector.fromArray(S, c, cOff + 7 * ldc + 2 * L) : zero;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + 8 * p;     // indices from the counter: see above
            int bi = bOff + 3 * L * p;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            c62 = a6.fma(b2, c62);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            c72 = a7.fma(b2, c72);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c12.intoArray(c, cOff + ldc + 2 * L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c42.intoArray(c, cOff + 4 * ldc + 2 * L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c52.intoArray(c, cOff + 5 * ldc + 2 * L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c62.intoArray(c, cOff + 6 * ldc + 2 * L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
        c72.intoArray(c, cOff + 7 * ldc + 2 * L);
    }

    @Override
    public String name() {
        return (threads() == 1 ? "vector" : "vector-" + threads() + "t") + "(" + L * 64 + "-bit, " + MR + "x" + NR + ")";
    }
}
