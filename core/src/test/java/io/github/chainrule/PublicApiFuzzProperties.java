package io.github.chainrule;

import io.github.chainrule.ops.Attrs;
import io.github.chainrule.ops.ExampleOps;
import io.github.chainrule.ops.OpDef;
import io.github.chainrule.ops.OpRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes the public API: every public method of Tensor and Shape, and every registered op called by name
 * with random attributes, is called with random arguments, degenerate ones included (zero-size and
 * scalar tensors, negative and out-of-range ints, NaN, nulls, ragged arrays, mismatched shapes).
 *
 * <p>The property: a call either returns, or throws an IllegalArgumentException or IllegalStateException
 * (or a subclass) with a message that starts by naming the method called ({@code "softmax: ..."}; spelled as the
 * registry spells it, {@code log_softmax} for logSoftmax), the op it is a fixed call of ({@link #NAMED_AS}), or the
 * op name it was given (Shape.of(op, ...), OpRegistry.call(name, ...)). Never an ArrayIndexOutOfBoundsException, NullPointerException,
 * NegativeArraySizeException or ClassCastException, which would mean a check is missing.
 */
class PublicApiFuzzProperties {
    private static final List<Method> TENSOR_METHODS = publicMethods(Tensor.class);
    private static final List<Method> SHAPE_METHODS = publicMethods(Shape.class);
    private static final List<Method> AUTOGRAD_METHODS = publicMethods(Autograd.class);
    private static final String[] ATTRIBUTE_NAMES = {"axes", "keepDims", "axis", "shape", "start", "end", "before", "after",
        "indices", "size", "labels", "classes", "transA", "transB", "exponent", "slope",
        // shaping and indexing (issue 12)
        "sizes", "piece", "chunks", "axis0", "axis1", "reps", "repeats", "offset", "descending", "k", "largest",
        // convolution and pooling (issue 12)
        "kernel", "stride", "padding", "dilation", "groups",
        // linear algebra (issue 12)
        "subscripts", "lower"};
    /** Einsum subscripts, good and bad, for the String attributes: valid ones, an ellipsis, a repeated output index. */
    private static final String[] SUBSCRIPTS = {"text", "ij->ji", "ii->", "ij,jk->ik", "i,i->", "...i->i", "ij->ii", "a,b", "->", ",", "ab-c"};

    @Provide
    Arbitrary<Object[]> tensorCalls() {
        return Combinators.combine(Arbitraries.of(TENSOR_METHODS), Arbitraries.longs()).as((m, seed) -> new Object[] {m, seed});
    }

    @Provide
    Arbitrary<Object[]> shapeCalls() {
        return Combinators.combine(Arbitraries.of(SHAPE_METHODS), Arbitraries.longs()).as((m, seed) -> new Object[] {m, seed});
    }

    @Provide
    Arbitrary<Object[]> autogradCalls() {
        return Combinators.combine(Arbitraries.of(AUTOGRAD_METHODS), Arbitraries.longs()).as((m, seed) -> new Object[] {m, seed});
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Any public Tensor method, with any arguments, fails only with a clear IllegalArgument/IllegalState exception. */
    @Property(tries = 12_000)
    void tensorMethodsRejectBadArgumentsWithClearExceptionsOnly(@ForAll("tensorCalls") Object[] call) {
        Method m = (Method) call[0];
        Random rng = new Random((Long) call[1]);
        Statistics.label("method").collect(m.getName());
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : Values.tensor(rng, false);
        invoke(m, receiver, Values.arguments(m.getParameterTypes(), rng));
    }

    /** Any public Shape method, with any arguments, fails only with a clear exception. */
    @Property(tries = 2_000)
    void shapeMethodsRejectBadArgumentsWithClearExceptionsOnly(@ForAll("shapeCalls") Object[] call) {
        Method m = (Method) call[0];
        Random rng = new Random((Long) call[1]);
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : Values.shape(rng, false);
        invoke(m, receiver, Values.arguments(m.getParameterTypes(), rng));
    }

    /** Any public Autograd method, with any arguments (null functions, functions returning null), fails only clearly. */
    @Property(tries = 1_000)
    void autogradMethodsRejectBadArgumentsWithClearExceptionsOnly(@ForAll("autogradCalls") Object[] call) {
        Method m = (Method) call[0];
        Random rng = new Random((Long) call[1]);
        invoke(m, null, Values.arguments(m.getParameterTypes(), rng));
    }

    /** Every registered op, called by name with random attributes and tensors, fails only with a clear exception. */
    @Property(tries = 6_000)
    void opsCalledByNameWithRandomAttributesFailOnlyWithClearExceptions(@ForAll("seeds") long seed) {
        Statistics.label("op").collect(String.valueOf(callOpByName(seed)));
    }

    /** Calls a random registered op by name with random attributes and inputs; returns the op's name. */
    private static String callOpByName(long seed) {
        ExampleOps.registerOnce();
        Random rng = new Random(seed);
        List<OpDef> ops = OpRegistry.all();
        String name = rng.nextInt(20) == 0 ? (rng.nextBoolean() ? null : "no_such_op") : ops.get(rng.nextInt(ops.size())).name();
        List<Object> pairs = new ArrayList<>();
        int n = rng.nextInt(5);
        for (int i = 0; i < n; i++) {
            pairs.add(ATTRIBUTE_NAMES[rng.nextInt(ATTRIBUTE_NAMES.length)]);
            pairs.add(Values.attributeValue(rng));
        }
        Attrs attrs = rng.nextInt(10) == 0 ? null : Attrs.of(pairs.toArray());
        Tensor[] inputs = new Tensor[rng.nextInt(4)];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Values.tensor(rng, true);
        }
        Tensor[] finalInputs = rng.nextInt(20) == 0 ? null : inputs;
        check(() -> OpRegistry.call(name, attrs, finalInputs), () -> "OpRegistry.call(" + name + ", " + attrs + ", "
                + (finalInputs == null ? "null" : Arrays.toString(shapes(finalInputs))) + ")",
                // matmul's transposed variants name themselves (matmulTransA: ...), as their Tensor methods do
                name, "OpRegistry", name + "TransA", name + "TransB", name + "TransAB");
        return name;
    }

    /** The names a method's messages may start with: its own, the op it is a call of, or the op name it is given. */
    private static String[] expectedNames(Method m, Object[] args) {
        List<String> names = new ArrayList<>(List.of(m.getName(), NAMED_AS.getOrDefault(m.getName(), m.getName()),
                m.getDeclaringClass().getSimpleName() + "." + m.getName()));
        if (m.getParameterCount() > 0 && m.getParameterTypes()[0] == String.class) {
            names.add(String.valueOf(args[0]));   // Shape.of(op, ...), broadcast(op, ...): the caller names itself
        }
        return names.toArray(new String[0]);
    }

    private static void invoke(Method m, Object receiver, Object[] args) {
        check(() -> {
            try {
                return m.invoke(receiver, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new AssertionError(e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }, () -> m.getName() + " on " + (receiver instanceof Tensor t ? "tensor of shape " + t.shape() : receiver)
                + " with " + Values.describe(args), expectedNames(m, args));
    }

    /**
     * Public methods whose messages name the registered op they are a fixed call of, rather than themselves:
     * selectColumns is index_select along axis 1, hessian is the jacobian of the gradient, logAbsDet and detSign
     * are the ops logdet and det_sign, clampMin and clampMax are clamp with one side open, transpose(a, b) is swap_axes, the transposed matmuls of a 1-D or batched operand are matmul's, and the forward-over-reverse forms are ForwardMode's hessian and hvp.
     */
    private static final Map<String, String> NAMED_AS = Map.ofEntries(Map.entry("selectColumns", "index_select"),
            Map.entry("hessian", "jacobian"), Map.entry("logAbsDet", "logdet"), Map.entry("detSign", "det_sign"),
            Map.entry("hessianForwardOverReverse", "hessian"), Map.entry("hvpForwardOverReverse", "hvp"),
            Map.entry("clampMin", "clamp"), Map.entry("clampMax", "clamp"), Map.entry("transpose", "swap_axes"),
            Map.entry("matmulTransA", "matmul"), Map.entry("matmulTransB", "matmul"));

    private static void check(java.util.concurrent.Callable<Object> call, java.util.function.Supplier<String> description,
                              String... names) {
        try {
            call.call();
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "empty message from " + description.get());
            int colon = e.getMessage().indexOf(':');
            String named = normalized(colon < 0 ? "" : e.getMessage().substring(0, colon));
            boolean ok = false;
            for (String name : names) {
                ok |= named.equals(normalized(name));
            }
            assertTrue(ok, () -> description.get() + ": the message does not start by naming " + Arrays.toString(names)
                    + ": " + e.getMessage());
        } catch (Exception e) {
            fail(description.get() + " threw " + e, e);
        }
    }

    /** A name as messages may spell it: log_softmax, logSoftmax and logsoftmax are the same op. */
    private static String normalized(String name) {
        return String.valueOf(name).replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String[] shapes(Tensor[] ts) {
        String[] s = new String[ts.length];
        for (int i = 0; i < ts.length; i++) {
            s[i] = ts[i] == null ? "null" : ts[i].shape().toString();
        }
        return s;
    }

    private static List<Method> publicMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::toString));
        assertFalse(methods.isEmpty());
        return methods;
    }

    /** Random argument values by parameter type, degenerate ones included. */
    static final class Values {
        private static final double[] REALS = {0, 1, -1, 0.5, -2.5, 3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

        private Values() {
        }

        static Object[] arguments(Class<?>[] types, Random rng) {
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = value(types[i], rng);
            }
            return args;
        }

        /** The argument a fuzzed function works on: the tensor itself, or the first of several (a scalar if none). */
        static Tensor first(Object argument) {
            if (argument instanceof Tensor[] several) {
                return several.length == 0 || several[0] == null ? Tensor.scalar(1) : several[0];
            }
            return (Tensor) argument;
        }

        static Object value(Class<?> type, Random rng) {
            if (type == int.class) {
                return integer(rng);
            } else if (type == double.class) {
                return REALS[rng.nextInt(REALS.length)];
            } else if (type == boolean.class) {
                return rng.nextBoolean();
            } else if (type == long.class) {
                return rng.nextLong();
            } else if (type == int[].class) {
                return ints(rng);
            } else if (type == long[].class) {
                int[] v = ints(rng);
                return v == null ? null : Arrays.stream(v).asLongStream().map(d -> rng.nextInt(10) == 0 ? d * 4L : d).toArray();
            } else if (type == double[].class) {
                return rng.nextInt(8) == 0 ? null : reals(rng, rng.nextInt(5));
            } else if (type == double[][].class) {
                if (rng.nextInt(8) == 0) {
                    return null;
                }
                double[][] rows = new double[rng.nextInt(3)][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = rng.nextInt(8) == 0 ? null : reals(rng, rng.nextInt(3));
                }
                return rows;
            } else if (type == Tensor.class) {
                return tensor(rng, true);
            } else if (type == Tensor[].class) {
                if (rng.nextInt(8) == 0) {
                    return null;
                }
                Tensor[] ts = new Tensor[rng.nextInt(4)];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = tensor(rng, true);
                }
                return ts;
            } else if (type == GradOptions.class) {
                switch (rng.nextInt(5)) {
                    case 0:
                        return null;
                    case 1:
                        return GradOptions.defaults();
                    case 2:
                        return GradOptions.retainGraph().withCreateGraph();
                    case 3:
                        return GradOptions.allowUnused();
                    default:
                        return GradOptions.gradOutput(tensor(rng, true));   // of a shape that may not fit
                }
            } else if (type == Shape.class) {
                return shape(rng, true);
            } else if (type == Random.class) {
                return rng.nextInt(8) == 0 ? null : new Random(rng.nextLong());
            } else if (type == String.class) {
                return rng.nextInt(4) == 0 ? null : rng.nextBoolean() ? "fuzz" : SUBSCRIPTS[rng.nextInt(SUBSCRIPTS.length)];
            } else if (type == io.github.chainrule.ops.ConvOptions.class) {
                return rng.nextInt(8) == 0 ? null : io.github.chainrule.ops.ConvOptions.DEFAULT.stride(integer(rng), integer(rng))
                        .padding(integer(rng), integer(rng)).dilation(integer(rng), integer(rng)).groups(integer(rng));
            } else if (type == java.util.function.Function.class) {
                // A function of one tensor or of several (jvp takes Function<Tensor[], Tensor>): erasure hides which.
                return switch (rng.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> (java.util.function.Function<Object, Tensor>) t -> null;
                    case 2 -> (java.util.function.Function<Object, Tensor>) Values::first;
                    case 3 -> (java.util.function.Function<Object, Tensor>) t -> first(t).square().sum();
                    default -> (java.util.function.Function<Object, Tensor>) t -> Tensor.scalar(1);
                };
            } else if (type == Object.class) {
                return rng.nextBoolean() ? tensor(rng, true) : "other";
            }
            throw new AssertionError("no fuzz values for parameter type " + type + "; add them");
        }

        /**
         * Hostile ints, each one a size no array can hold or whose square overflows (so that no valid call asks for
         * gigabytes): 2^31-1, 2^31-2, −2^31, −(2^31-1), and 46341 and 65536, whose squares pass 2^31-1.
         */
        private static final int[] HUGE = {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE, -Integer.MAX_VALUE,
            46341, 65536};

        /** Small ints (sizes, axes, indices from −3 to 5), and one time in ten a hostile one. */
        static int integer(Random rng) {
            return rng.nextInt(10) == 0 ? HUGE[rng.nextInt(HUGE.length)] : rng.nextInt(9) - 3;
        }

        static int[] ints(Random rng) {
            if (rng.nextInt(8) == 0) {
                return null;
            }
            int[] v = new int[rng.nextInt(6)];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(4) == 0 ? integer(rng) : rng.nextInt(4);
            }
            return v;
        }

        static double[] reals(Random rng, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextInt(10) == 0 ? REALS[rng.nextInt(REALS.length)] : rng.nextGaussian();
            }
            return v;
        }

        /**
         * A shape of rank 0 to 5 with lengths 0 to 3 (zero-size included), one time in twelve an empty shape with a
         * huge axis ((2^31-1, 0), (0, 65536, 2)...), or null if allowed.
         */
        static Shape shape(Random rng, boolean maybeNull) {
            if (maybeNull && rng.nextInt(8) == 0) {
                return null;
            }
            int[] d = new int[rng.nextInt(10) == 0 ? 4 + rng.nextInt(2) : rng.nextInt(4)];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextInt(4);
            }
            if (rng.nextInt(12) == 0) {
                int[] huge = {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 46341, 65536};   // no valid result from them holds GBs
                if (d.length < 2) {
                    d = new int[] {rng.nextInt(4), rng.nextInt(4)};
                }
                int at = rng.nextInt(d.length);
                d[at] = huge[rng.nextInt(huge.length)];
                d[(at + 1 + rng.nextInt(d.length - 1)) % d.length] = 0;
            }
            return Shape.of(d);
        }

        /** A tensor of a random shape (zero-size and scalars included) that may require a gradient, or null if allowed. */
        static Tensor tensor(Random rng, boolean maybeNull) {
            if (maybeNull && rng.nextInt(8) == 0) {
                return null;
            }
            Shape s = shape(rng, false);
            Tensor t = Tensor.wrap(reals(rng, s.size()), s);
            if (rng.nextInt(3) == 0) {
                t = rng.nextBoolean() ? t.requiresGrad() : t.requiresGrad().mul(1.0);
            }
            if (rng.nextInt(6) == 0) {   // 0/1 values, so that where's mask check can pass
                double[] v = t.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextBoolean() ? 1 : 0;
                }
                t = Tensor.wrap(v, s);
            }
            return t;
        }

        static Object attributeValue(Random rng) {
            return switch (rng.nextInt(7)) {
                case 0 -> integer(rng);
                case 1 -> ints(rng);
                case 2 -> rng.nextBoolean();
                case 3 -> REALS[rng.nextInt(REALS.length)];
                case 4 -> null;
                case 5 -> SUBSCRIPTS[rng.nextInt(SUBSCRIPTS.length)];
                default -> rng.nextInt(4);
            };
        }

        static String describe(Object[] args) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                String s = a instanceof int[] v ? Arrays.toString(v) : a instanceof double[] v ? Arrays.toString(v)
                        : a instanceof double[][] v ? Arrays.deepToString(v) : a instanceof Tensor[] v ? Arrays.toString(shapes(v))
                        : a instanceof Tensor t ? "tensor of shape " + t.shape() : String.valueOf(a);
                sb.append(i > 0 ? ", " : "").append(s);
            }
            return sb.append(')').toString();
        }
    }
}
