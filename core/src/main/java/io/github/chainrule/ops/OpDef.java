package io.github.chainrule.ops;

import io.github.chainrule.Tensor;

import java.util.Arrays;

/**
 * One entry of the op registry: an op's name, how it is called, its forward and derivative formulas for
 * the derivative table, the domain and kinks the gradient checker must respect, and how to invoke it.
 *
 * <p>Built with {@link #builder(String, Signature)}; {@link OpRegistry#register} refuses an entry missing
 * a formula or an invoker, so no op exists without the facts its gradient check needs.
 */
public final class OpDef {
    /** Calls an op with its tensor inputs and attributes. */
    @FunctionalInterface
    public interface Invoker {
        /**
         * Applies the op to {@code inputs} with {@code attrs}; returns its output.
         *
         * @param inputs the op's tensor inputs, in its signature's order
         * @param attrs  the op's non-tensor attributes (axes, exponents, shapes)
         * @return the op's output
         */
        Tensor apply(Tensor[] inputs, Attrs attrs);
    }

    private final String name;
    private final String family;
    private final Signature signature;
    private final int arity;
    private final String forward;
    private final String derivative;
    private final String jvp;
    private final String shapes;
    private final String rule;
    private final ValueDomain[] inputDomains;
    private final double[] kinks;
    private final boolean ties;
    private final String convention;
    private final String paramName;
    private final double[] paramSamples;
    private final boolean differentiable;
    private final NanRule nanRule;
    private final String nanReason;
    private final Invoker invoker;

    private OpDef(Builder b) {
        this.name = b.name;
        this.family = b.family;
        this.signature = b.signature;
        this.arity = b.arity;
        this.forward = b.forward;
        this.derivative = b.derivative;
        this.jvp = b.jvp;
        this.shapes = b.shapes != null ? b.shapes : b.signature.shapes();
        this.rule = b.rule;
        this.inputDomains = b.inputDomains;
        this.kinks = b.kinks;
        this.ties = b.ties;
        this.convention = b.convention;
        this.paramName = b.paramName;
        this.paramSamples = b.paramSamples;
        this.differentiable = b.differentiable;
        // A constant output (flags, indices, labels) holds no NaN whatever its inputs: it ignores them in this sense.
        NanRule byDefault = b.differentiable ? NanRule.defaultFor(b.signature) : NanRule.IGNORES;
        this.nanRule = b.nanRule != null ? b.nanRule : byDefault;
        this.nanReason = b.nanRule != null ? b.nanReason : b.differentiable ? NanRule.defaultReason(b.signature)
                : "the output is a constant of 0/1 flags, indices or labels, never NaN (a comparison with NaN is false,"
                + " as IEEE 754 says; argmax takes a NaN's index)";
        this.invoker = b.invoker;
    }

    /**
     * Starts an entry for op {@code name} with the given calling pattern.
     *
     * @param name      the op's registry name, e.g. {@code "matmul"}
     * @param signature how the op is called, which also chooses its property-suite cases
     * @return a builder for the entry
     */
    public static Builder builder(String name, Signature signature) {
        return new Builder(name, signature);
    }

    /**
     * Returns the op's registry name, e.g. {@code "matmul"}.
     *
     * @return the name the op is registered and looked up under
     */
    public String name() {
        return name;
    }

    /**
     * Returns the op family (the class that implements it), e.g. {@code "Unary"}.
     *
     * @return the family's class name
     */
    public String family() {
        return family;
    }

    /**
     * Returns the op's calling pattern.
     *
     * @return the signature
     */
    public Signature signature() {
        return signature;
    }

    /**
     * Returns the number of tensor inputs, or -1 for a variable number (concat, and custom ops, which check their own).
     *
     * @return the number of tensor inputs, or -1
     */
    public int arity() {
        return arity;
    }

    /**
     * Returns the forward formula in math notation.
     *
     * @return the forward formula, e.g. {@code y = max(0, x)}
     */
    public String forward() {
        return forward;
    }

    /**
     * Returns the derivative formula, as the backward rule computes it ({@code g} is the upstream gradient).
     *
     * @return the derivative formula
     */
    public String derivative() {
        return derivative;
    }

    /**
     * Returns how the input shapes determine the output shape, for the derivative table: the op's own
     * description if it gave one, else its signature's.
     *
     * @return the shapes, e.g. {@code P (m, k), Q (k, n) → (m, n)}
     */
    public String shapes() {
        return shapes;
    }

    /**
     * Returns the derivative in a small machine-readable form that a test evaluates on samples and compares
     * with the op's actual backward pass, or null if the op gives none (it is optional).
     *
     * <p>The form is one assignment per input, separated by {@code ;}, e.g. {@code da = g*b; db = g*a}.
     * Names: {@code g} the upstream gradient, {@code x} the input of a one-input op, {@code a} and
     * {@code b} the inputs of a two-input op, {@code y} the output, and the op's parameter by its name
     * ({@code slope}). Operators {@code + - * / ^}, Iverson brackets {@code [x >= 0]} (1 where the
     * condition holds, else 0; also {@code > < <= ==}) and the functions {@code exp ln sqrt tanh sigmoid
     * sign abs}. The derivative is stated for an element; broadcasting's sum back to the input's shape is
     * the engine's and is not written.
     *
     * @return the rule, e.g. {@code dx = g*y} for exp, or null
     */
    public String rule() {
        return rule;
    }

    /** What the derivative table shows for an op whose Jacobian-vector product forward mode derives. */
    public static final String DERIVED_JVP = "derived: transpose of the vjp";

    /**
     * Returns the op's forward-mode rule (the Jacobian-vector product, {@code t} the input's tangent) as its
     * {@link io.github.chainrule.Jvp} computes it, or {@link #DERIVED_JVP} if the op states none and
     * {@link io.github.chainrule.ForwardMode} derives it from the backward rule.
     *
     * @return the formula, e.g. {@code ta·b + a·tb}
     */
    public String jvp() {
        return jvp != null ? jvp : DERIVED_JVP;
    }

    /**
     * Returns true if the op declares its own forward-mode rule, false if forward mode derives it.
     *
     * @return whether a jvp formula was declared
     */
    public boolean hasExplicitJvp() {
        return jvp != null;
    }

    /**
     * Returns the value domain of input {@code i}.
     *
     * @param i the input's position, from 0
     * @return the domain of that input (the last declared domain for inputs beyond the declared ones)
     */
    public ValueDomain inputDomain(int i) {
        return inputDomains[Math.min(i, inputDomains.length - 1)];
    }

    /**
     * Returns the domain of every input, e.g. {@code x > 0} or {@code a ∈ ℝ, b ≠ 0}.
     *
     * @return a text listing each input's domain
     */
    public String domain() {
        if (inputDomains.length == 1) {
            return inputDomains[0].toString();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputDomains.length; i++) {
            sb.append(i > 0 ? ", " : "").append("input ").append(i).append(": ").append(inputDomains[i]);
        }
        return sb.toString();
    }

    /**
     * Returns the input values at which the derivative jumps (relu and abs: 0); empty if smooth.
     *
     * @return the kink points, a new array each call
     */
    public double[] kinks() {
        return kinks.clone();
    }

    /**
     * Returns true if the derivative is discontinuous where two inputs tie (maximum, max over axes).
     *
     * @return true if the op has ties
     */
    public boolean hasTies() {
        return ties;
    }

    /**
     * Returns the convention taken at kinks or ties, or an empty string if there are none.
     *
     * @return the convention, or {@code ""}
     */
    public String convention() {
        return convention;
    }

    /**
     * Returns the name of the real attribute of a {@link Signature#UNARY_WITH_PARAM} or {@link Signature#REDUCTION_WITH_PARAM} op, else null.
     *
     * @return the attribute's name, or null for other signatures
     */
    public String paramName() {
        return paramName;
    }

    /**
     * Returns attribute values the property suite tries for a {@link Signature#UNARY_WITH_PARAM} or {@link Signature#REDUCTION_WITH_PARAM} op.
     *
     * @return the sample values, a new array each call (empty for other signatures)
     */
    public double[] paramSamples() {
        return paramSamples == null ? new double[0] : paramSamples.clone();
    }

    /**
     * Returns false for an op whose output is a constant (one-hot); its gradient check is skipped by design.
     *
     * @return true unless the op's output is constant in its inputs
     */
    public boolean isDifferentiable() {
        return differentiable;
    }

    /**
     * Returns how the op treats a NaN in a differentiated input (declared, or its signature's default).
     *
     * @return the op's NaN rule
     */
    public NanRule nanRule() {
        return nanRule;
    }

    /**
     * Returns why the op does not simply propagate NaN, empty when it does.
     *
     * @return the reason given with the op's NaN rule
     */
    public String nanReason() {
        return nanReason;
    }

    /**
     * Applies the op.
     *
     * @param attrs  the op's non-tensor attributes, {@link Attrs#NONE} if it has none
     * @param inputs the tensor inputs, as many as the op's arity
     * @return the op's output
     * @throws IllegalArgumentException naming the op if the number of inputs is wrong
     */
    public Tensor apply(Attrs attrs, Tensor... inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(name + ": the array of tensor inputs is null");
        }
        if (arity >= 0 && inputs.length != arity) {
            throw new IllegalArgumentException(name + ": takes " + arity + " tensor input" + (arity == 1 ? "" : "s")
                    + ", got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(name + ": input " + i + " is null");
            }
        }
        return invoker.apply(inputs, attrs == null ? Attrs.NONE : attrs);
    }

    @Override
    public String toString() {
        return name + " [" + signature + "]: " + forward + "; " + derivative;
    }

    /** Returns {@code value}, or throws an IllegalArgumentException naming it if it is null. */
    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** Builds an {@link OpDef}; every op needs a forward formula, a derivative and an invoker. */
    public static final class Builder {
        private final String name;
        private final Signature signature;
        private String family = "custom";
        private int arity;
        private String forward;
        private String derivative;
        private String jvp;
        private String shapes;
        private String rule;
        private ValueDomain[] inputDomains = {ValueDomain.REAL};
        private double[] kinks = new double[0];
        private boolean ties;
        private String convention = "";
        private String paramName;
        private double[] paramSamples;
        private boolean differentiable = true;
        private NanRule nanRule;
        private String nanReason;
        private Invoker invoker;

        private Builder(String name, Signature signature) {
            this.name = required(name, "op name");
            this.signature = required(signature, "op signature");
            this.arity = switch (signature) {
                case BINARY, MATMUL -> 2;
                case WHERE, AFFINE, ATTENTION -> 3;
                case CONCAT, CUSTOM -> -1;   // a custom op checks its own inputs
                case ONE_HOT -> 0;
                default -> 1;
            };
        }

        /**
         * Sets the family (the class implementing the op), shown in the derivative table.
         *
         * @param family the class name, e.g. {@code "Unary"}
         * @return this builder
         */
        public Builder family(String family) {
            this.family = family;
            return this;
        }

        /**
         * Sets the number of tensor inputs (-1 for any number); signatures set a default.
         *
         * @param arity the number of tensor inputs, or -1 for a variable number
         * @return this builder
         */
        public Builder arity(int arity) {
            this.arity = arity;
            return this;
        }

        /**
         * Sets the forward formula in math notation.
         *
         * @param formula the forward formula, e.g. {@code y = max(0, x)}
         * @return this builder
         */
        public Builder forward(String formula) {
            this.forward = formula;
            return this;
        }

        /**
         * Sets the derivative formula, as the backward rule computes it from upstream gradient {@code g}.
         *
         * @param formula the derivative formula, e.g. {@code dx = g·[x > 0]}
         * @return this builder
         */
        public Builder derivative(String formula) {
            this.derivative = formula;
            return this;
        }

        /**
         * Declares the op's own forward-mode rule, for the derivative table; the op must record the same
         * rule as a {@link io.github.chainrule.Jvp} (the property suite checks that it does). Without one,
         * forward mode derives the product from the backward rule.
         *
         * @param formula the Jacobian-vector product, {@code t} the input's tangent, e.g. {@code ta·b + a·tb}
         * @return this builder
         */
        public Builder jvp(String formula) {
            this.jvp = formula;
            return this;
        }

        /**
         * Describes how the input shapes determine the output shape, where the signature's default
         * ({@link Signature#shapes()}) does not say it well enough.
         *
         * @param text the shapes in the derivative table's notation, e.g. {@code (N, C, H, W), (F, C, kH, kW) → (N, F, H', W')}
         * @return this builder
         */
        public Builder shapes(String text) {
            this.shapes = text;
            return this;
        }

        /**
         * Gives the derivative in the machine-readable form described at {@link OpDef#rule()}, so that a test
         * can evaluate it and compare it with the backward pass. Optional.
         *
         * @param formula one assignment per input, e.g. {@code da = g*b; db = g*a}
         * @return this builder
         */
        public Builder rule(String formula) {
            this.rule = formula;
            return this;
        }

        /**
         * Sets the value domain of each input (one value applies to all).
         *
         * @param domains one domain per input, or a single one for all of them
         * @return this builder
         */
        public Builder domain(ValueDomain... domains) {
            this.inputDomains = domains.clone();
            return this;
        }

        /**
         * Declares the input values where the derivative jumps, and the convention taken there.
         *
         * @param convention the value the derivative takes at those points, in words
         * @param points     the input values where the derivative jumps
         * @return this builder
         */
        public Builder kinks(String convention, double... points) {
            this.kinks = points.clone();
            this.convention = convention;
            return this;
        }

        /**
         * Declares that the derivative jumps where inputs tie, and the convention taken there.
         *
         * @param convention how the gradient is shared at a tie, in words
         * @return this builder
         */
        public Builder ties(String convention) {
            this.ties = true;
            this.convention = convention;
            return this;
        }

        /**
         * Names the real attribute of a {@link Signature#UNARY_WITH_PARAM} or {@link Signature#REDUCTION_WITH_PARAM} op and values to test it at.
         *
         * @param name    the attribute's name, as read from {@link Attrs}
         * @param samples the attribute values the property suite tries, at least one
         * @return this builder
         */
        public Builder param(String name, double... samples) {
            this.paramName = name;
            this.paramSamples = samples.clone();
            return this;
        }

        /**
         * Declares the op's output constant with respect to its inputs (one-hot).
         *
         * @return this builder
         */
        public Builder notDifferentiable() {
            this.differentiable = false;
            return this;
        }

        /**
         * Declares how the op treats a NaN in a differentiated input, where its signature's default
         * ({@link NanRule#defaultFor(Signature)}) does not hold: e.g. a comparison returns 0 or 1 for NaN.
         *
         * @param rule   what the op does with a NaN
         * @param reason why, in a few words; required unless the rule is {@link NanRule#PROPAGATES}
         * @return this builder
         * @throws IllegalArgumentException if the rule is null, or the reason is missing for a rule that does not propagate
         */
        public Builder nan(NanRule rule, String reason) {
            if (rule == null || (rule != NanRule.PROPAGATES && (reason == null || reason.isBlank()))) {
                throw new IllegalArgumentException("op '" + name + "': a NaN rule other than PROPAGATES needs a reason");
            }
            this.nanRule = rule;
            this.nanReason = reason == null ? "" : reason;
            return this;
        }

        /**
         * Sets how the op is applied.
         *
         * @param invoker the call from tensor inputs and attributes to the op's function
         * @return this builder
         */
        public Builder invoker(Invoker invoker) {
            this.invoker = invoker;
            return this;
        }

        /**
         * Returns the entry.
         *
         * @return the finished, immutable entry
         * @throws IllegalStateException naming the op and the missing part
         */
        public OpDef build() {
            if (forward == null || derivative == null || invoker == null) {
                throw new IllegalStateException("op '" + name + "' is missing its "
                        + (forward == null ? "forward formula" : derivative == null ? "derivative formula" : "invoker"));
            }
            if ((signature == Signature.UNARY_WITH_PARAM || signature == Signature.REDUCTION_WITH_PARAM)
                    && (paramName == null || paramSamples.length == 0)) {
                throw new IllegalStateException("op '" + name + "' takes a parameter: name it and give sample values with param()");
            }
            return new OpDef(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpDef d && d.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    static String describe(double[] values) {
        return Arrays.toString(values);
    }
}
