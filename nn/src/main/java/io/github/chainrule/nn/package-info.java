/**
 * Neural networks built from core's graph ops, in the course's notation: {@link io.github.chainrule.nn.Layer}
 * (named parameters, training/evaluation mode, state dicts), {@link io.github.chainrule.nn.Sequential},
 * {@link io.github.chainrule.nn.Dense} (Z = W·A + b, examples as columns), {@link io.github.chainrule.nn.Activation},
 * {@link io.github.chainrule.nn.Initializer} and inverted {@link io.github.chainrule.nn.Dropout}.
 *
 * <p>Nothing here writes a backward pass: every forward is made of differentiable tensor ops, so autodiff
 * differentiates it and the gradient checker can check it. A new layer type is a subclass of {@code Layer}
 * that registers its parameters and writes {@code forward}.
 */
package io.github.chainrule.nn;
