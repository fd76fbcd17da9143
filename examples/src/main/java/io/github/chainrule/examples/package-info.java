/**
 * The course's programs, end to end on real data: {@link io.github.chainrule.examples.Main} launches them as
 * subcommands, and each program class ({@code ChainRuleExample}, {@code DeepNetworkExample}, ...) can also be
 * run from code, returning its numbers as a record.
 */
package io.github.chainrule.examples;
