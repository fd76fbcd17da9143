package io.github.chainrule.nn.optim;

/**
 * Learning-rate decay: the rate α to use after {@code t} epochs (or steps), from the initial rate α₀.
 *
 * <p>t counts from 0: the first epoch trains with α(α₀, 0). Apply it by hand with
 * {@code optimizer.setLearningRate(schedule.rate(optimizer.initialLearningRate(), epoch))}, or let the
 * training loop apply it per epoch or per step. Any function of (α₀, t) is a schedule.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * Returns the learning rate after {@code t} epochs or steps (t ≥ 0), starting from α₀.
     *
     * @param alpha0 α₀, the initial learning rate
     * @param t      the epochs or steps so far
     * @return α at t
     */
    double rate(double alpha0, int t);

    /**
     * No decay: α = α₀.
     *
     * @return the schedule
     */
    static LearningRateSchedule constant() {
        return (alpha0, t) -> alpha0;
    }

    /**
     * The course's first schedule, α = α₀ / (1 + decayRate·t).
     *
     * @param decayRate the decay rate, non-negative
     * @return the schedule
     * @throws IllegalArgumentException if decayRate is negative or not finite
     */
    static LearningRateSchedule inverseTime(double decayRate) {
        requireNonNegative("inverseTime", "decayRate", decayRate);
        return (alpha0, t) -> alpha0 / (1 + decayRate * t);
    }

    /**
     * The course's α = k/√(epoch_num)·α₀, with epoch_num = t + 1 (the course counts epochs from 1, so
     * the first epoch trains with k·α₀).
     *
     * @param k the factor k
     * @return the schedule
     * @throws IllegalArgumentException if k is not positive and finite
     */
    static LearningRateSchedule inverseSqrt(double k) {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("inverseSqrt: k must be positive and finite, got " + k);
        }
        return (alpha0, t) -> k / Math.sqrt(t + 1.0) * alpha0;
    }

    /**
     * Exponential decay, α = base^t·α₀ (the course's 0.95^epoch_num·α₀ for base 0.95).
     *
     * @param base the factor per epoch, e.g. 0.95
     * @return the schedule
     * @throws IllegalArgumentException if base is outside (0, 1]
     */
    static LearningRateSchedule exponential(double base) {
        if (!(base > 0 && base <= 1)) {
            throw new IllegalArgumentException("exponential: base must be in (0, 1], got " + base);
        }
        return (alpha0, t) -> Math.pow(base, t) * alpha0;
    }

    /**
     * A staircase: α = α₀ / (1 + decayRate·⌊t / interval⌋), constant for {@code interval} epochs at a time
     * (the course's fixed-interval scheduling).
     *
     * @param decayRate the decay rate, non-negative
     * @param interval  the epochs (or steps) per stair
     * @return the schedule
     * @throws IllegalArgumentException if decayRate is negative or interval is not positive
     */
    static LearningRateSchedule staircase(double decayRate, int interval) {
        requireNonNegative("staircase", "decayRate", decayRate);
        if (interval <= 0) {
            throw new IllegalArgumentException("staircase: interval must be positive, got " + interval);
        }
        return (alpha0, t) -> alpha0 / (1 + decayRate * Math.floorDiv(t, interval));
    }

    /**
     * Linear warmup: α = α₀·(t + 1) / steps for the first {@code steps} steps, then α₀ (the usual start of
     * transformer training, which keeps Adam's first, poorly estimated steps small).
     *
     * @param steps how many steps the ramp lasts, positive
     * @return the schedule
     * @throws IllegalArgumentException if steps is not positive
     */
    static LearningRateSchedule linearWarmup(int steps) {
        return constant().afterWarmup(steps);
    }

    /**
     * Cosine decay from α₀ down to {@code minRate} over {@code steps} steps, then {@code minRate}:
     * α = minRate + ½(α₀ − minRate)(1 + cos(π·t / steps)) for t ≤ steps (Loshchilov and Hutter's SGDR
     * without restarts).
     *
     * @param steps   the length of the decay, positive
     * @param minRate the final rate, finite and non-negative
     * @return the schedule
     * @throws IllegalArgumentException if steps is not positive or minRate is negative or not finite
     */
    static LearningRateSchedule cosine(int steps, double minRate) {
        requirePositive("cosine", steps);
        requireNonNegative("cosine", "minRate", minRate);
        return (alpha0, t) -> minRate + 0.5 * (alpha0 - minRate) * (1 + Math.cos(Math.PI * Math.min(t, steps) / steps));
    }

    /**
     * Cosine decay from α₀ to 0 over {@code steps} steps.
     *
     * @param steps the length of the decay, positive
     * @return the schedule
     * @throws IllegalArgumentException if steps is not positive
     */
    static LearningRateSchedule cosine(int steps) {
        return cosine(steps, 0);
    }

    /**
     * Returns this schedule preceded by a linear warmup: α₀·(t + 1) / steps for t &lt; steps, then this
     * schedule started afresh, at rate(α₀, t − steps). So {@code cosine(900).afterWarmup(100)} ramps up for
     * 100 steps and decays over the next 900.
     *
     * @param steps how many steps the ramp lasts, positive
     * @return the composed schedule
     * @throws IllegalArgumentException if steps is not positive
     */
    default LearningRateSchedule afterWarmup(int steps) {
        requirePositive("afterWarmup", steps);
        LearningRateSchedule after = this;
        return (alpha0, t) -> t < steps ? alpha0 * (t + 1) / steps : after.rate(alpha0, t - steps);
    }

    private static void requirePositive(String schedule, int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException(schedule + ": steps must be positive, got " + steps);
        }
    }

    private static void requireNonNegative(String schedule, String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(schedule + ": " + what + " must be finite and non-negative, got " + value);
        }
    }
}
