/**
 * Optimizers that update parameters in place without recording a graph: gradient descent,
 * {@link io.github.chainrule.nn.optim.Momentum}, {@link io.github.chainrule.nn.optim.RMSprop} and
 * {@link io.github.chainrule.nn.optim.Adam}, with savable state; the
 * {@link io.github.chainrule.nn.optim.ExponentiallyWeightedAverage} they are made of; and learning-rate decay
 * {@link io.github.chainrule.nn.optim.LearningRateSchedule}s.
 */
package io.github.chainrule.nn.optim;
