/**
 * The training loop for the common case ({@link io.github.chainrule.nn.train.Trainer}: epochs, mini-batches,
 * schedules, regularization, dev set, early stopping, the course's progress lines), its plug for data
 * ({@link io.github.chainrule.nn.train.Batch}, {@link io.github.chainrule.nn.train.BatchSource},
 * {@link io.github.chainrule.nn.train.MiniBatches}), what it records ({@link io.github.chainrule.nn.train.History})
 * and {@link io.github.chainrule.nn.train.Metrics}.
 */
package io.github.chainrule.nn.train;
