/**
 * Cost functions J (the loss averaged over the m examples) and regularization penalties, as graph
 * expressions: {@link io.github.chainrule.nn.cost.Costs} (binary and softmax cross-entropy, stable forms on
 * logits, mean squared error, L1), {@link io.github.chainrule.nn.cost.Cost} and
 * {@link io.github.chainrule.nn.cost.Regularizer} (L2 λ/(2m)·Σ‖W‖²_F and L1, weights only).
 */
package io.github.chainrule.nn.cost;
