package io.github.chainrule.nn.optim;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Settings for a group of parameters, chosen by name: a learning-rate scale and a weight decay, as
 * PyTorch's parameter groups give different rates or decay to weights and biases, or to layers.
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(model.namedParameters(), 1e-3, 0.01);
 * opt.configure(ParameterGroup.matching("biases", name -> name.endsWith(".b")).weightDecay(0));
 * opt.configure(ParameterGroup.named("layer1.W").learningRateScale(0.1));
 * }</pre>
 * A group is an immutable value; {@link Optimizer#configure} applies it to the parameters it matches, later
 * groups overriding earlier ones for the settings they set. A setting the group leaves unset keeps the
 * parameter's current value. The learning-rate scale multiplies the optimizer's learning rate, so a schedule
 * that changes that rate moves every group in proportion.
 */
public final class ParameterGroup {
    private final String description;
    private final Predicate<String> members;
    private final Double learningRateScale;
    private final Double weightDecay;

    private ParameterGroup(String description, Predicate<String> members, Double learningRateScale, Double weightDecay) {
        this.description = description;
        this.members = members;
        this.learningRateScale = learningRateScale;
        this.weightDecay = weightDecay;
    }

    /**
     * Returns a group of every parameter.
     *
     * @return the group, with no setting set yet
     */
    public static ParameterGroup all() {
        return new ParameterGroup("all parameters", name -> true, null, null);
    }

    /**
     * Returns a group of the parameters with the given names.
     *
     * @param names parameter names, as {@code namedParameters()} gives them (e.g. {@code layer1.W})
     * @return the group, with no setting set yet
     * @throws IllegalArgumentException if no name is given or one is null
     */
    public static ParameterGroup named(String... names) {
        if (names == null || names.length == 0 || Arrays.asList(names).contains(null)) {
            throw new IllegalArgumentException("ParameterGroup.named: give one or more parameter names, got "
                    + Arrays.toString(names));
        }
        Set<String> set = Set.of(names);
        return new ParameterGroup("parameters " + Arrays.toString(names), set::contains, null, null);
    }

    /**
     * Returns a group of the parameters whose names pass a test.
     *
     * @param description what the group is, for messages (e.g. {@code "biases"})
     * @param members     the test on a parameter's name
     * @return the group, with no setting set yet
     * @throws IllegalArgumentException if an argument is null
     */
    public static ParameterGroup matching(String description, Predicate<String> members) {
        if (description == null || members == null) {
            throw new IllegalArgumentException("ParameterGroup.matching: description and test must not be null");
        }
        return new ParameterGroup(description, members, null, null);
    }

    /**
     * Returns this group with a learning-rate scale: its parameters step with scale·α.
     *
     * @param scale the factor, positive and finite
     * @return a new group
     * @throws IllegalArgumentException if the scale is not positive and finite
     */
    public ParameterGroup learningRateScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("ParameterGroup.learningRateScale: must be positive and finite, got " + scale);
        }
        return new ParameterGroup(description, members, scale, weightDecay);
    }

    /**
     * Returns this group with a weight decay λ (0 for none). How it acts depends on the optimizer: coupled
     * (an L2 term λ·W added to the gradient) for gradient descent, momentum, RMSprop and Adam; decoupled
     * (W := W − α·λ·W beside the step) for {@link AdamW}.
     *
     * @param lambda the decay, finite and non-negative
     * @return a new group
     * @throws IllegalArgumentException if λ is negative or not finite
     */
    public ParameterGroup weightDecay(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("ParameterGroup.weightDecay: must be finite and non-negative, got " + lambda);
        }
        return new ParameterGroup(description, members, learningRateScale, lambda);
    }

    /**
     * Returns true if the parameter of that name belongs to this group.
     *
     * @param parameterName the parameter's name
     * @return whether it is a member
     */
    public boolean contains(String parameterName) {
        return members.test(parameterName);
    }

    Double learningRateScaleOrNull() {
        return learningRateScale;
    }

    Double weightDecayOrNull() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return description + (learningRateScale == null ? "" : ", learning-rate scale " + learningRateScale)
                + (weightDecay == null ? "" : ", weight decay " + weightDecay);
    }
}
