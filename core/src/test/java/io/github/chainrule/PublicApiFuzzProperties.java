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
 * (or a subclass) with a message. Never an ArrayIndexOutOfBoundsException, NullPointerException,
 * NegativeArraySizeException or ClassCastException, which would mean a check is missing.
 */
class PublicApiFuzzProperties {
    private static final List<Method> TENSOR_METHODS = publicMethods(Tensor.class);
    private static final List<Method> SHAPE_METHODS = publicMethods(Shape.class);
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
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Any public Tensor method, with any arguments, fails only with a clear IllegalArgument/IllegalState exception. */
    @Property(tries = 3000)
    void tensorMethodsRejectBadArgumentsWithClearExceptionsOnly(@ForAll("tensorCalls") Object[] call) {
        Method m = (Method) call[0];
        Random rng = new Random((Long) call[1]);
        Statistics.label("method").collect(m.getName());
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : Values.tensor(rng, false);
        invoke(m, receiver, Values.arguments(m.getParameterTypes(), rng));
    }

    /** Any public Shape method, with any arguments, fails only with a clear exception. */
    @Property(tries = 500)
    void shapeMethodsRejectBadArgumentsWithClearExceptionsOnly(@ForAll("shapeCalls") Object[] call) {
        Method m = (Method) call[0];
        Random rng = new Random((Long) call[1]);
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : Values.shape(rng, false);
        invoke(m, receiver, Values.arguments(m.getParameterTypes(), rng));
    }

    /** Every registered op, called by name with random attributes and tensors, fails only with a clear exception. */
    @Property(tries = 2000)
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
                + (finalInputs == null ? "null" : Arrays.toString(shapes(finalInputs))) + ")");
        return name;
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
                + " with " + Values.describe(args));
    }

    private static void check(java.util.concurrent.Callable<Object> call, java.util.function.Supplier<String> description) {
        try {
            call.call();
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "empty message from " + description.get());
        } catch (Exception e) {
            fail(description.get() + " threw " + e, e);
        }
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
            } else if (type == Shape.class) {
                return shape(rng, true);
            } else if (type == Random.class) {
                return rng.nextInt(8) == 0 ? null : new Random(rng.nextLong());
            } else if (type == String.class) {
                return rng.nextInt(4) == 0 ? null : rng.nextBoolean() ? "fuzz" : SUBSCRIPTS[rng.nextInt(SUBSCRIPTS.length)];
            } else if (type == io.github.chainrule.ops.ConvOptions.class) {
                return rng.nextInt(8) == 0 ? null : io.github.chainrule.ops.ConvOptions.DEFAULT.stride(integer(rng), integer(rng))
                        .padding(integer(rng), integer(rng)).dilation(integer(rng), integer(rng)).groups(integer(rng));
            } else if (type == Object.class) {
                return rng.nextBoolean() ? tensor(rng, true) : "other";
            }
            throw new AssertionError("no fuzz values for parameter type " + type + "; add them");
        }

        /** Small ints (sizes, axes, indices from −3 to 5) and the most negative int; no huge sizes, which would only exhaust memory. */
        static int integer(Random rng) {
            return rng.nextInt(20) == 0 ? Integer.MIN_VALUE : rng.nextInt(9) - 3;
        }

        static int[] ints(Random rng) {
            if (rng.nextInt(8) == 0) {
                return null;
            }
            int[] v = new int[rng.nextInt(5)];
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

        /** A shape of rank 0 to 3 with lengths 0 to 3 (zero-size included), or null if allowed. */
        static Shape shape(Random rng, boolean maybeNull) {
            if (maybeNull && rng.nextInt(8) == 0) {
                return null;
            }
            int[] d = new int[rng.nextInt(4)];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextInt(4);
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
