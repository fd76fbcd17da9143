package io.github.chainrule.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The cache-blocked matrix multiply shared by chainrule's own kernels: it cuts the product into blocks
 * that fit the caches, copies ("packs") each block of op(A) and op(B) into the order the micro-kernel
 * reads, and leaves the innermost {@code mr × nr} tile of C to a subclass's register-blocked micro-kernel.
 *
 * <p>The loop nest is the classic one of GotoBLAS and BLIS:
 * <pre>
 * for jc over columns of C, NC at a time          B block (KC × NC) stays in L3
 *   for pc over k, KC at a time                   pack op(B)[pc.., jc..]
 *     for ic over rows of C, MC at a time         pack op(A)[ic.., pc..]; A block (MC × KC) stays in L2
 *       for jr over the block's columns, nr at a time      a B micro-panel (KC × nr) stays in L1
 *         for ir over the block's rows, mr at a time
 *           C[ir.., jr..] += Apanel · Bpanel                 the micro-kernel, all in registers
 * </pre>
 * Packing is also where the transposes are read: op(A) and op(B) are gathered straight from the caller's
 * row-major arrays, so no transpose is ever materialized. Tiles at the ragged right and bottom edges are
 * padded with zeros in the packed panels and computed into a small scratch tile first.
 *
 * <p>Products of at least {@link #PARALLEL_FLOPS} multiply-adds are split over the longer of C's two
 * dimensions and run on all cores: the calling thread computes one part, {@link Parallel}'s daemon threads
 * the others; a small C from a deep inner dimension is split over that dimension instead, and a batch of
 * entries too small to split is shared out entry by entry. Tiny products skip packing altogether.
 *
 * <p>Two shapes skip a packing pass: a slab of C one column panel wide reads op(A) in place (each of its
 * values feeds one micro-kernel call), walking its rows bottom-up to meet what the last product left in the
 * caches, and the short, wide op(A)·Bᵀ (the course's dW = dZ·Xᵀ) is computed
 * swapped, as B·op(A)ᵀ into a transposed C, so that its big B is that in-place left operand. Every operand
 * may start at an offset into a larger array, so a batch's entries are read and written where they lie.
 */
public abstract class PackedMatMul implements MatMulKernel {
    /**
     * The default depth of a packed block: KC × nr doubles of B (16 KiB for nr = 8) stay in the 32 KiB L1. A
     * kernel may choose its own ({@link #PackedMatMul(int, int, int, int, int)}).
     */
    static final int KC = 256;
    /** The default number of rows of an A block: MC × KC doubles of A, 192 KiB, half of an L2. */
    static final int MC = 96;
    /**
     * A slab of C with at most this many rows has its B handled one micro-panel at a time (see
     * {@link #compute}), whatever the kernel's block sizes.
     */
    static final int PANEL_WISE_ROWS = 96;
    /** Products with fewer multiply-adds ({@code m·n·k}) than this use plain loops: packing would not pay. */
    static final long TINY_FLOPS = 8 * 8 * 8;
    /** The largest C, and the smallest depth, that {@link #innerProducts} is offered: see there. */
    static final long DOT_C = 256;
    static final int DOT_DEPTH = 512;
    /**
     * Products with at least this many multiply-adds ({@code m·n·k}) are split over the cores. With
     * {@link Parallel}'s spinning workers a back-to-back W3 product pays on two threads from 48³ (µs, 2
     * threads vs 1, 2026-12-02: 48³ 2.5 vs 4.8, 64³ 7.4–9.6 vs 13–14, 96³ 17 vs 32, 128³ 50 vs 91); the
     * threshold stays at 96³ because a batch whose entries are under it is shared out entry by entry instead
     * (attention's 128×16·16×128 heads, 64³ each: W7 7.9–8.0 ms at 96³, 8.3–8.6 at 64³), and because splitting
     * W4's 64·64·32 products, even with the pool's workers kept awake, made its fast runs slower (36–37 against
     * 31 ms on a 2-vCPU Zen 3; only the runs the host slowed down gained). The system property
     * {@code chainrule.matmul.parallelFlops} overrides it.
     */
    public static final long PARALLEL_FLOPS = Long.getLong("chainrule.matmul.parallelFlops", 96L * 96 * 96);

    /**
     * A slab of op(A) of at most this many doubles (1 MiB, an L2) is read in place rather than packed: it
     * stays in the caches however often the column panels re-read it, and its strided rows cost less than
     * the pass that would pack them (measured with W3 on one thread: 64³ 34–35 → 39–42 GFLOP/s, 256³ 48–49
     * → 52–53, 512³ 41 → 45; at 1024³ the two were level, and the slab is past this limit).
     */
    static final long IN_PLACE_A = 1 << 17;
    /** A B of at least this many doubles (1 MiB, an L2) is taken to come from memory, not from a cache. */
    private static final long STREAMED_B = 1 << 17;
    /**
     * The depth of a block when a slab streams a deep B in place, one strided micro-panel at a time (the
     * course's W1·X, 20 × 12288 · 12288 × 209): 96 rows of B rather than {@link #KC}, so that the rows one
     * panel fetches (96 × 209 doubles of X, 160 KiB) are still in L2 when the next panels read their columns.
     * On both cores of an Intel Xeon guest (2 MiB L2), W1·X alone: 1.09–1.17 against 1.20–1.33 ms; W2 paired
     * in one JVM 0.894 of the time (A/A 0.994), against 64 deep 1.042 and 128 deep 1.004 of 96's; W6 0.973
     * (A/A 1.013), W7 0.988 (A/A 0.972).
     */
    static final int STREAMED_DEPTH = 96;

    private final int mr;
    private final int nr;
    private final int kc;
    private final int mc;
    private final int nc;
    private final int threads;
    private final ThreadLocal<Scratch> scratch;
    /** Whether a slab that streams a deep B in place reads each next block in memory order first. */
    private final TouchChoice touchChoice = new TouchChoice();

    /**
     * Creates a blocked kernel around a micro-kernel of {@code mr × nr}, with the default block sizes
     * (A blocks of 96 rows, 256 deep).
     *
     * @param mr      the number of rows of C one micro-kernel call computes
     * @param nr      the number of columns of C one micro-kernel call computes
     * @param threads the most threads one product may use (1: stay on the calling thread)
     * @throws IllegalArgumentException if mr, nr or threads is less than 1
     */
    protected PackedMatMul(int mr, int nr, int threads) {
        this(mr, nr, threads, KC, MC);
    }

    /**
     * Creates a blocked kernel around a micro-kernel of {@code mr × nr} with block sizes of its own: packed
     * blocks {@code kc} deep, and A blocks of about {@code mcRows} rows (rounded down to whole tiles).
     *
     * @param mr      the number of rows of C one micro-kernel call computes
     * @param nr      the number of columns of C one micro-kernel call computes
     * @param threads the most threads one product may use (1: stay on the calling thread)
     * @param kc      the depth of a packed block of A and B
     * @param mcRows  the number of rows of C an A block covers, rounded down to whole tiles (at least one)
     * @throws IllegalArgumentException if any argument is less than 1
     */
    protected PackedMatMul(int mr, int nr, int threads, int kc, int mcRows) {
        if (mr < 1 || nr < 1 || threads < 1 || kc < 1 || mcRows < 1) {
            throw new IllegalArgumentException("PackedMatMul: mr, nr, threads, kc and mcRows must be positive, got "
                    + mr + ", " + nr + ", " + threads + ", " + kc + ", " + mcRows);
        }
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = Math.max(1, mcRows / mr) * mr;
        this.nc = Math.max(1, 2048 / nr) * nr;
        this.threads = threads;
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    /**
     * Returns the number of cores this JVM sees: the default for {@code threads}.
     *
     * @return the number of available processors, at least 1
     */
    public static int availableCores() {
        return Parallel.threads();
    }

    /**
     * Returns the most threads one product may use.
     *
     * @return the thread limit, at least 1
     */
    public int threads() {
        return threads;
    }

    /**
     * Computes a small C = A·Bᵀ from a deep inner dimension as dot products of rows, when the subclass can:
     * C[i][j] (+)= Σ_p a[aOff + i·lda + p]·b[bOff + j·ldb + p], both operands' rows contiguous in p. Called
     * for a C of at most 256 values and a depth of at least 512 (a convolution's
     * filter gradient, columns·gᵀ: LeNet's first is 25 × 6 from a depth of 892 per image), where tiles a vector
     * wide along C's few columns would spend most of their arithmetic on padding.
     *
     * @param a          op(A) (m × k), row-major, rows {@code lda} apart
     * @param aOff       where its first row starts
     * @param lda        the distance between its rows
     * @param b          B (n × k) as stored, rows {@code ldb} apart: the transposed operand
     * @param bOff       where its first row starts
     * @param ldb        the distance between its rows
     * @param c          C (m × n), row-major. Modified.
     * @param cOff       where C starts in {@code c}
     * @param m          the number of rows of C
     * @param n          the number of columns of C
     * @param k          the depth
     * @param accumulate true to add the products to C, false to overwrite it
     * @return true if it computed C; false (the default) to have the tiles compute it
     */
    protected boolean innerProducts(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff,
                                    int m, int n, int k, boolean accumulate) {
        return false;
    }

    /**
     * Computes an {@code mr × nr} tile of C at {@code c[cOff]} (row stride {@code ldc}) from an A panel and a
     * B panel of {@code kc} rows of {@code nr} values, {@code ldb} apart (nr when packed): {@code c = a·b}, or
     * {@code c += a·b} when {@code accumulate}. Value (r, p) of the A panel, row r of the tile at step p of the
     * inner dimension, is {@code a[aOff + r·aRowStride + p·aStep]}: packed, the {@code mr} values of a step lie
     * side by side ({@code aRowStride = 1, aStep = mr}); read in place they lie where the caller's matrix
     * keeps them.
     *
     * @param kc         the length of the inner dimension covered by the panels
     * @param a          the A panel
     * @param aOff       where the panel starts in {@code a}
     * @param aRowStride the distance in {@code a} between the values of consecutive rows of the tile
     * @param aStep      the distance in {@code a} between consecutive steps of the inner dimension
     * @param b          the B panel
     * @param bOff       where the panel starts in {@code b}
     * @param ldb        the distance between consecutive rows of the B panel
     * @param c          the result matrix, row-major. Modified.
     * @param cOff       where the tile's first element is in {@code c}
     * @param ldc        the row stride of {@code c}
     * @param accumulate true to add the tile's product to {@code c}, false to overwrite it
     */
    protected abstract void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep,
                                        double[] b, int bOff, int ldb,
                                        double[] c, int cOff, int ldc, boolean accumulate);

    @Override
    public final void multiply(double[] a, int aRows, int aCols, boolean transA,
                               double[] b, int bRows, int bCols, boolean transB, double[] c) {
        multiply(a, 0, aRows, aCols, transA, b, 0, bRows, bCols, transB, c, 0);
    }

    /** Reads every operand in place from its offset: nothing is copied but into the packing buffers. */
    @Override
    public final void multiply(double[] a, int aOff, int aRows, int aCols, boolean transA,
                               double[] b, int bOff, int bRows, int bCols, boolean transB, double[] c, int cOff) {
        Product p = product(a, aOff, aRows, aCols, transA, b, bOff, bRows, bCols, transB, c, cOff, false);
        if (p != null) {
            run(p, threads > 1);
        }
    }

    /** Reads every operand in place from its offset and accumulates into C from its first block on. */
    @Override
    public final void multiplyAdd(double[] a, int aOff, int aRows, int aCols, boolean transA,
                                  double[] b, int bOff, int bRows, int bCols, boolean transB, double[] c, int cOff) {
        Product p = product(a, aOff, aRows, aCols, transA, b, bOff, bRows, bCols, transB, c, cOff, true);
        if (p != null) {
            run(p, threads > 1);
        }
    }

    /**
     * Splits the batch over the cores when its entries are each too small to be split (attention's heads,
     * 128×16 · 16×128: each core takes a contiguous run of entries, on this kernel's own threads), and
     * otherwise computes the entries one after the other, each split over the cores as a single product is.
     */
    @Override
    public final void multiplyBatch(int entries, double[] a, int[] aOffsets, int aRows, int aCols, boolean transA,
                                    double[] b, int[] bOffsets, int bRows, int bCols, boolean transB, double[] c) {
        if (entries < 0 || aOffsets.length < entries || bOffsets.length < entries) {
            throw new IllegalArgumentException(name() + " matmul: a batch of " + entries + " entries needs that many"
                    + " offsets, got " + aOffsets.length + " for a and " + bOffsets.length + " for b");
        }
        int m = transA ? aCols : aRows;
        int n = transB ? bRows : bCols;
        int k = transA ? aRows : aCols;
        int size = m * n;
        long entryFlops = (long) m * n * k;
        int parts = threads > 1 && entries > 1 && entryFlops < PARALLEL_FLOPS && entryFlops * entries >= PARALLEL_FLOPS
                ? Math.min(threads, entries) : 1;
        Product[] products = new Product[entries];   // checked here, so a bad offset throws on the caller's thread
        for (int e = 0; e < entries; e++) {
            products[e] = product(a, aOffsets[e], aRows, aCols, transA, b, bOffsets[e], bRows, bCols, transB, c, e * size,
                    false);
        }
        if (parts == 1) {
            for (Product p : products) {
                if (p != null) {
                    run(p, threads > 1);
                }
            }
            return;
        }
        forkJoin(parts, t -> {
            for (int e = (int) ((long) entries * t / parts), end = (int) ((long) entries * (t + 1) / parts); e < end; e++) {
                if (products[e] != null) {
                    run(products[e], false);
                }
            }
        });
    }

    /**
     * Checks the arguments and returns the product to compute, or null when there is nothing to multiply: an
     * empty C, or k = 0, when C is filled with zeros here (or left as it is when the product adds to it).
     */
    private Product product(double[] a, int aOff, int aRows, int aCols, boolean transA,
                            double[] b, int bOff, int bRows, int bCols, boolean transB, double[] c, int cOff,
                            boolean addsToC) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (aRows < 0 || aCols < 0 || bRows < 0 || bCols < 0) {
            throw new IllegalArgumentException(name() + " matmul: negative dimension in a (" + aRows + "," + aCols
                    + ") or b (" + bRows + "," + bCols + ")");
        }
        if (k != kb) {
            throw new IllegalArgumentException(name() + " matmul: op(a) is (" + m + "," + k + ") and op(b) is ("
                    + kb + "," + n + "): inner lengths " + k + " != " + kb);
        }
        long aEnd = aOff + (long) aRows * aCols;
        long bEnd = bOff + (long) bRows * bCols;
        long cEnd = cOff + (long) m * n;
        if (aOff < 0 || bOff < 0 || cOff < 0 || a.length < aEnd || b.length < bEnd || c.length < cEnd) {
            throw new IllegalArgumentException(name() + " matmul: arrays too short or offsets negative: a has "
                    + a.length + " for [" + aOff + ", " + aEnd + "), b has " + b.length + " for [" + bOff + ", " + bEnd
                    + "), c has " + c.length + " for [" + cOff + ", " + cEnd + ")");
        }
        if (m == 0 || n == 0) {
            return null;
        }
        if (k == 0) {
            if (!addsToC) {
                Arrays.fill(c, cOff, cOff + m * n, 0.0);
            }
            return null;
        }
        if (transB && swapPays(m)) {
            // The short, wide C = op(A)·Bᵀ (the course's dW = dZ·Xᵀ) as Cᵀ = B·op(A)ᵀ: the big B becomes the
            // left operand, read in place, instead of being packed, and the result is stored transposed.
            return new Product(b, bOff, bCols, false, a, aOff, aCols, !transA, c, cOff, true, addsToC, n, m, k);
        }
        return new Product(a, aOff, aCols, transA, b, bOff, bCols, transB, c, cOff, false, addsToC, m, n, k);
    }

    /**
     * Returns true if a product op(A)·Bᵀ with {@code m} rows is better computed swapped, as B·op(A)ᵀ: when its
     * m rows fit {@link #swappedPanels} column panels of the swapped product (so B is read in place, see
     * {@link #compute}) and padding m up to whole column panels costs at most a quarter more arithmetic than
     * padding it to rows.
     */
    private boolean swapPays(int m) {
        int extra = roundUp(m, nr) - roundUp(m, mr);
        return m <= swappedPanels() * nr && 4 * extra <= m;
    }

    /**
     * Returns how many column panels the swapped form of a short, wide op(A)·Bᵀ may have, its big left operand
     * still read in place: by default one, where each value of that operand feeds one micro-kernel call. A
     * kernel whose tile reads rows in place about as fast as packed ones may take more, trading a pass that
     * packs the big operand for re-reading it from the caches once per panel.
     *
     * @return the most column panels of a swapped product, at least 1
     */
    protected int swappedPanels() {
        return 1;
    }

    /**
     * Returns the kernel that computes products whose C (as computed, after any swap) is {@code m × n}:
     * this one, unless a subclass has a tile that suits that shape better: a narrower one that wastes less of
     * its width (attention's 128 × 16 heads, a convolution's 25-column filter gradient), or a taller one for
     * a C with many rows.
     *
     * @param m the number of rows of C
     * @param n the number of columns of C
     * @return the kernel to compute such a product with; by default this one
     */
    protected PackedMatMul kernelFor(int m, int n) {
        return this;
    }

    /**
     * Returns the number of columns of C one micro-kernel call computes.
     *
     * @return the tile's width, nr
     */
    protected final int tileWidth() {
        return nr;
    }

    /**
     * Returns the number of rows of C one micro-kernel call computes.
     *
     * @return the tile's height, mr
     */
    protected final int tileHeight() {
        return mr;
    }

    /** Computes one product, on all cores when {@code mayFork} and it is large enough to pay for it. */
    private void run(Product p, boolean mayFork) {
        if (p.transB && !p.transA && !p.transC && (long) p.m * p.n <= DOT_C && p.k >= DOT_DEPTH
                && innerProducts(p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.c, p.cOff, p.m, p.n, p.k, p.addsToC)) {
            return;
        }
        PackedMatMul kernel = kernelFor(p.m, p.n);
        if (kernel != this) {
            kernel.run(p, mayFork);
            return;
        }
        long flops = (long) p.m * p.n * p.k;
        if (flops < TINY_FLOPS) {
            p.plainLoops();
        } else if (!mayFork || flops < PARALLEL_FLOPS) {
            compute(p, 0, p.m, 0, p.n);
        } else {
            computeInParallel(p);
        }
    }

    /**
     * Splits C into one slab per thread, in whole micro-tiles, along the dimension that leaves each thread less
     * to pack ({@link #packedPerThread}: for a square C up to one column block wide, its rows); or, when C has
     * too few tiles along its longer dimension to share out evenly and the inner dimension is deep, splits the
     * inner dimension instead.
     */
    private void computeInParallel(Product p) {
        boolean longerRows = p.m >= p.n;
        int longer = longerRows ? p.m : p.n;
        int longerUnit = longerRows ? mr : nr;
        if ((longer + longerUnit - 1) / longerUnit < 8 * threads && p.k >= 2 * threads * kc) {
            computeSplittingDepth(p);
            return;
        }
        boolean byRows = packedPerThread(p, true) <= packedPerThread(p, false);
        int length = byRows ? p.m : p.n;
        int unit = byRows ? mr : nr;
        int units = (length + unit - 1) / unit;
        int parts = Math.min(threads, Math.max(1, length / unit));
        if (parts == 1) {
            compute(p, 0, p.m, 0, p.n);
            return;
        }
        forkJoin(parts, t -> {
            int start = Math.min(length, (int) ((long) units * t / parts) * unit);
            int end = Math.min(length, (int) ((long) units * (t + 1) / parts) * unit);
            if (byRows) {
                compute(p, start, end, 0, p.n);
            } else {
                compute(p, 0, p.m, start, end);
            }
        });
    }

    /**
     * Returns how many values of op(A) and op(B) one thread packs when C is split into one slab per thread by
     * rows or by columns: by rows, all of op(B) and its rows of op(A), once per column block; by columns, its
     * columns of op(B) and all of op(A), once per column block of its own. They differ where C is wider than a
     * column block ({@link #nc}): 2048³ on two threads, split by rows, packs each thread's A twice, split by
     * columns once (both cores of an Intel Xeon guest: 0.963 of the time, paired, against an A/A of 0.988).
     */
    private long packedPerThread(Product p, boolean byRows) {
        long rows = byRows ? (p.m + threads - 1) / threads : p.m;
        long cols = byRows ? p.n : (p.n + threads - 1) / threads;
        long columnBlocks = (cols + nc - 1) / nc;
        return cols * p.k + rows * p.k * columnBlocks;
    }

    /**
     * Computes a small C of a deep product (the course's W1·X: 20 × 209 from k = 12288, whose 9 column panels
     * split 4 : 5 over two threads) as a sum over the threads: each takes a contiguous run of the inner
     * dimension, in whole KC blocks, the calling thread into C, the others into a C of their own, added at
     * the end. Each thread also streams a contiguous part of the deep operand instead of every row's half.
     */
    private void computeSplittingDepth(Product p) {
        int parts = threads;
        int blocksK = (p.k + kc - 1) / kc;
        int size = p.m * p.n;
        double[][] partial = new double[parts][];
        forkJoin(parts, t -> {
            int k0 = Math.min(p.k, (int) ((long) blocksK * t / parts) * kc);
            int k1 = Math.min(p.k, (int) ((long) blocksK * (t + 1) / parts) * kc);
            // A C of its own per call, not a per-thread buffer: the pool's thread may already be working for
            // another caller while this one is still adding its part.
            double[] target = t == 0 ? p.c : new double[size];
            if (t > 0) {
                partial[t] = target;
            }
            Product slice = p.depthSlice(k0, k1, target, t == 0 ? p.cOff : 0, t == 0 && p.addsToC);
            if (slice.k == 0) {
                if (!slice.addsToC) {
                    Arrays.fill(target, slice.cOff, slice.cOff + size, 0.0);
                }
            } else {
                compute(slice, 0, slice.m, 0, slice.n);
            }
        });
        for (int t = 1; t < parts; t++) {
            double[] part = partial[t];
            for (int i = 0; i < size; i++) {
                p.c[p.cOff + i] += part[i];   // a transposed C has the same layout in both
            }
        }
    }

    /**
     * Runs {@code part.accept(t)} for t in [0, parts) on all cores and returns when all are done (see
     * {@link Parallel}: part 0 on the calling thread; a part never forks again).
     */
    private void forkJoin(int parts, IntConsumer part) {
        Parallel.run(name() + " matmul", parts, part);
    }

    /**
     * Computes the slab {@code C[i0..i1, j0..j1)} on the calling thread.
     *
     * <p>When the slab has no more rows than one A block, each B micro-panel is used by only a few A panels,
     * so packing a whole B block ahead would cost as much memory traffic as the product itself (the
     * course's W·X, 20 × 12288 · 12288 × 209, and dW = dZ·Xᵀ): then B is handled one micro-panel at a
     * time, read in place when it is not transposed and packed into an L1-sized buffer right before use
     * otherwise (and at the ragged right edge).
     */
    private void compute(Product p, int i0, int i1, int j0, int j1) {
        Scratch s = scratch.get();
        int k = p.k;
        double[] edge = s.edge(mr * nr);
        boolean panelWise = i1 - i0 <= PANEL_WISE_ROWS;
        int rowBlock = panelWise ? i1 - i0 : mc;     // a panel-wise slab is one A block
        boolean streamsB = (long) p.k * p.ldb >= STREAMED_B;
        // B read in place, one strided micro-panel at a time: rows STREAMED_DEPTH deep but only nr wide.
        // Reading the next block row by row first brings it into the caches in memory order, which pays on
        // some cores and not on others (TouchChoice): timed until the faster way is known.
        boolean touchable = panelWise && !p.transB && streamsB;
        boolean touch = touchable && touchChoice.next();
        boolean timed = touchable && touchChoice.measuring();
        long started = timed ? System.nanoTime() : 0L;
        boolean aInPlace = readsAInPlace(p.transC, i1 - i0, j1 - j0, k);
        int rowBlocks = (i1 - i0 + rowBlock - 1) / rowBlock;
        // A slab one column panel wide streams its op(A) once (the swapped dW = dZ·Xᵀ reads all of X). Its
        // row blocks go bottom-up, so that it starts on the rows that a product reading them top-down just
        // before (the forward's W·X, whose depth runs down X) left in the last-level cache: W2 0.89–0.95 of the
        // time, paired. The order changes no value, as each row block writes rows of C of its own.
        boolean bottomUp = j1 - j0 <= nr;
        // Column blocks of equal width (in whole panels, at most nc), so no block is a thin sliver that
        // repacks all of A for a few columns (2048 = 2040 + 8 with nc = 2040).
        int blocks = (j1 - j0 + nc - 1) / nc;
        int blockWidth = blocks <= 1 ? nc : roundUp((j1 - j0 + blocks - 1) / blocks, nr);
        for (int jc = j0; jc < j1; jc += blockWidth) {
            int nb = Math.min(blockWidth, j1 - jc);
            int depth = touchable ? STREAMED_DEPTH : kc;
            for (int pc = 0; pc < k; pc += depth) {
                int kb = Math.min(depth, k - pc);
                boolean accumulate = pc > 0 || p.addsToC;
                double[] bPack = s.b(roundUp(panelWise ? nr : nb, nr) * kb);
                if (!panelWise) {
                    p.packB(bPack, pc, kb, jc, nb, nr);
                } else if (touch) {
                    s.touched += p.touch(pc + depth, Math.min(depth, k - pc - depth), jc, nb);
                }
                for (int block = 0; block < rowBlocks; block++) {
                    int ic = i0 + (bottomUp ? rowBlocks - 1 - block : block) * rowBlock;
                    int mb = Math.min(rowBlock, i1 - ic);
                    double[] aPack = s.a(roundUp(mb, mr) * kb);
                    if (!aInPlace) {
                        p.packA(aPack, ic, mb, pc, kb, mr);
                    }
                    for (int jr = 0; jr < nb; jr += nr) {
                        int cols = Math.min(nr, nb - jr);
                        double[] bPanel = bPack;
                        int bOff = jr * kb;
                        int ldb = nr;
                        if (panelWise && !p.transB && cols == nr) {
                            bPanel = p.b;
                            bOff = p.bOff + pc * p.ldb + jc + jr;
                            ldb = p.ldb;
                        } else if (panelWise) {
                            p.packB(bPack, pc, kb, jc + jr, cols, nr);
                            bOff = 0;
                        }
                        for (int ir = 0; ir < mb; ir += mr) {
                            int rows = Math.min(mr, mb - ir);
                            double[] aPanel = aPack;
                            int aOff = ir * kb;
                            int aRowStride = 1;
                            int aStep = mr;
                            if (aInPlace && rows == mr) {
                                // op(A)[i][p] read where it lies: rows lda apart, or with a transposed A, steps.
                                aPanel = p.a;
                                aOff = p.transA ? p.aOff + pc * p.lda + ic + ir : p.aOff + (ic + ir) * p.lda + pc;
                                aRowStride = p.transA ? 1 : p.lda;
                                aStep = p.transA ? p.lda : 1;
                            } else if (aInPlace) {
                                p.packA(aPack, ic + ir, rows, pc, kb, mr);   // the ragged last rows, zero-padded
                                aOff = 0;
                            }
                            int i = ic + ir;
                            int j = jc + jr;
                            if (rows == mr && cols == nr && !p.transC) {
                                microKernel(kb, aPanel, aOff, aRowStride, aStep, bPanel, bOff, ldb,
                                        p.c, p.cOff + i * p.n + j, p.n, accumulate);
                            } else {
                                microKernel(kb, aPanel, aOff, aRowStride, aStep, bPanel, bOff, ldb, edge, 0, nr, false);
                                p.storeTile(edge, nr, i, j, rows, cols, accumulate);
                            }
                        }
                    }
                }
            }
        }
        if (timed) {
            touchChoice.record(touch, System.nanoTime() - started, (long) (i1 - i0) * (j1 - j0) * k);
        }
    }

    /**
     * Returns true if the micro-kernel should read a slab's op(A) where it lies instead of from a packed
     * copy: when the slab has one column panel, each value of op(A) feeds exactly one micro-kernel call, so
     * packing it would cost a pass over A and save nothing (the swapped skinny products); and when the slab
     * is small enough ({@link #IN_PLACE_A}) to stay in the caches while every column panel re-reads it (a
     * minibatch's 32 × 64 · 64 × 64, where packing was 13–18 % of W4's time), if the kernel
     * {@link #readsSmallAInPlace reads small ones in place} at all. A swapped product's big operand stays in
     * place across all of its {@link #swappedPanels} panels.
     */
    private boolean readsAInPlace(boolean swapped, int rows, int cols, int depth) {
        long size = (long) rows * depth;
        return cols <= (swapped ? swappedPanels() : 1) * nr || size <= IN_PLACE_A && readsSmallAInPlace(size);
    }

    /**
     * Returns true if a small op(A) of {@code size} doubles (at most {@link #IN_PLACE_A}), re-read by several
     * column panels, is read where it lies rather than packed: the default, for kernels whose tile runs about
     * as fast on strided values as on packed ones. A kernel whose packed tile is much the faster (one with
     * constant strides) returns false for the sizes where packing pays.
     *
     * @param size the number of values of op(A) in the slab, rows × depth
     * @return true to read that op(A) in place
     */
    protected boolean readsSmallAInPlace(long size) {
        return true;
    }

    /** Returns x rounded up to a whole number of units. */
    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** Per-thread packing buffers, grown on demand and reused, so that packing allocates nothing. */
    private static final class Scratch {
        private double[] a = new double[0];
        private double[] b = new double[0];
        private double[] edge = new double[0];
        /** The sum of the values {@link Product#touch} read, kept so that the JIT cannot drop the reads. */
        double touched;

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        double[] edge(int size) {
            if (edge.length < size) {
                edge = new double[size];
            }
            return edge;
        }
    }

    /**
     * One product's operands, and how to read op(A) and op(B) from them: the packing routines and the
     * plain loops for tiny products.
     */
    private static final class Product {
        final double[] a;
        final int aOff;
        final int lda;
        final boolean transA;
        final double[] b;
        final int bOff;
        final int ldb;
        final boolean transB;
        final double[] c;
        final int cOff;
        /** C is stored transposed: element (i, j) of this product is at c[cOff + j·m + i]. */
        final boolean transC;
        /** The product is added to what C holds (multiplyAdd) rather than written over it. */
        final boolean addsToC;
        final int m;
        final int n;
        final int k;

        Product(double[] a, int aOff, int lda, boolean transA, double[] b, int bOff, int ldb, boolean transB,
                double[] c, int cOff, boolean transC, boolean addsToC, int m, int n, int k) {
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.transA = transA;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.transB = transB;
            this.c = c;
            this.cOff = cOff;
            this.transC = transC;
            this.addsToC = addsToC;
            this.m = m;
            this.n = n;
            this.k = k;
        }

        /**
         * Packs op(A)[i0 .. i0+rows, p0 .. p0+depth) into panels of {@code mr} rows: panel after panel, and
         * within a panel, for each step p of the inner dimension, its {@code mr} values (zeros past the edge).
         */
        void packA(double[] dst, int i0, int rows, int p0, int depth, int mr) {
            for (int ip = 0; ip < rows; ip += mr) {
                int panel = ip * depth;
                int h = Math.min(mr, rows - ip);
                if (h < mr) {
                    Arrays.fill(dst, panel, panel + mr * depth, 0.0);
                }
                if (transA) {
                    // op(A)[i][p] = a[p][i]: for each p the mr values are contiguous in a.
                    for (int p = 0; p < depth; p++) {
                        System.arraycopy(a, aOff + (p0 + p) * lda + i0 + ip, dst, panel + p * mr, h);
                    }
                } else {
                    // op(A)[i][p] = a[i][p]: each of the panel's rows is a contiguous run of a.
                    interleave(a, aOff + (i0 + ip) * lda + p0, lda, h, depth, dst, panel, mr);
                }
            }
        }

        /**
         * Packs op(B)[p0 .. p0+depth, j0 .. j0+cols) into panels of {@code nr} columns: for each step p,
         * the panel's {@code nr} values (zeros past the edge).
         */
        void packB(double[] dst, int p0, int depth, int j0, int cols, int nr) {
            for (int jp = 0; jp < cols; jp += nr) {
                int panel = jp * depth;
                int w = Math.min(nr, cols - jp);
                if (w < nr) {
                    Arrays.fill(dst, panel, panel + nr * depth, 0.0);
                }
                if (transB) {
                    // op(B)[p][j] = b[j][p]: each of the panel's columns is a contiguous row of b.
                    interleave(b, bOff + (j0 + jp) * ldb + p0, ldb, w, depth, dst, panel, nr);
                } else {
                    for (int p = 0; p < depth; p++) {
                        System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + jp, dst, panel + p * nr, w);
                    }
                }
            }
        }

        /**
         * Copies {@code runs} runs of {@code length} values, {@code stride} apart in {@code src}, into
         * {@code dst} side by side: value p of run r goes to {@code dst[dstOff + p·width + r]}. This is packing
         * a panel whose rows (A's, or op(B)ᵀ's) lie along the depth, for both {@link #packA} and
         * {@link #packB}. Runs are taken four and then two at a time, so that each step writes neighbouring
         * values of a packed row rather than one value per run.
         */
        private static void interleave(double[] src, int srcOff, int stride, int runs, int length, double[] dst,
                                       int dstOff, int width) {
            int r = 0;
            for (; r + 4 <= runs; r += 4) {
                int s0 = srcOff + r * stride;
                int s1 = s0 + stride;
                int s2 = s1 + stride;
                int s3 = s2 + stride;
                for (int p = 0, d = dstOff + r; p < length; p++, d += width) {
                    dst[d] = src[s0 + p];
                    dst[d + 1] = src[s1 + p];
                    dst[d + 2] = src[s2 + p];
                    dst[d + 3] = src[s3 + p];
                }
            }
            for (; r + 2 <= runs; r += 2) {
                int s0 = srcOff + r * stride;
                int s1 = s0 + stride;
                for (int p = 0, d = dstOff + r; p < length; p++, d += width) {
                    dst[d] = src[s0 + p];
                    dst[d + 1] = src[s1 + p];
                }
            }
            for (; r < runs; r++) {
                int s0 = srcOff + r * stride;
                for (int p = 0, d = dstOff + r; p < length; p++, d += width) {
                    dst[d] = src[s0 + p];
                }
            }
        }

        /**
         * Returns the product over the inner dimension's run [k0, k1) only, written to {@code target} from
         * {@code targetOff} (C's layout, transposed or not, unchanged), added to what it holds if {@code adds}.
         */
        Product depthSlice(int k0, int k1, double[] target, int targetOff, boolean adds) {
            int aShift = transA ? k0 * lda : k0;
            int bShift = transB ? k0 : k0 * ldb;
            return new Product(a, aOff + aShift, lda, transA, b, bOff + bShift, ldb, transB, target, targetOff, transC,
                    adds, m, n, k1 - k0);
        }

        /**
         * Reads one value per cache line of op(B)[p0 .. p0+depth, j0 .. j0+cols) for a non-transposed B, row
         * after row, so that the block is fetched into the caches in memory order; returns their sum.
         */
        double touch(int p0, int depth, int j0, int cols) {
            double sum = 0;
            for (int p = 0; p < depth; p++) {
                int row = bOff + (p0 + p) * ldb + j0;
                for (int j = 0; j < cols; j += 8) {
                    sum += b[row + j];
                }
            }
            return sum;
        }

        /**
         * Stores a {@code rows × cols} tile computed into {@code tile} (row stride {@code ld}) at (i0, j0) of
         * this product's C: overwriting, or adding when {@code accumulate}; transposed when C is.
         */
        void storeTile(double[] tile, int ld, int i0, int j0, int rows, int cols, boolean accumulate) {
            if (transC) {
                // Column j of the tile is a contiguous run of c: walk it in that order.
                for (int j = 0; j < cols; j++) {
                    int at = cOff + (j0 + j) * m + i0;
                    for (int i = 0; i < rows; i++) {
                        c[at + i] = accumulate ? c[at + i] + tile[i * ld + j] : tile[i * ld + j];
                    }
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                int at = cOff + (i0 + i) * n + j0;
                for (int j = 0; j < cols; j++) {
                    c[at + j] = accumulate ? c[at + j] + tile[i * ld + j] : tile[i * ld + j];
                }
            }
        }

        /** Computes the whole product with plain loops, for products too small to pack. */
        void plainLoops() {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        sum += x * y;
                    }
                    int at = transC ? cOff + j * m + i : cOff + i * n + j;
                    c[at] = addsToC ? c[at] + sum : sum;
                }
            }
        }
    }
}
