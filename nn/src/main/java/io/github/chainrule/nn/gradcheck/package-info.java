/**
 * The course's whole-model gradient check: {@link io.github.chainrule.nn.gradcheck.ModelGradCheck} checks all
 * of a model's parameters as one vector θ with core's gradient checker, switching dropout off and naming the
 * parameter at fault.
 */
package io.github.chainrule.nn.gradcheck;
