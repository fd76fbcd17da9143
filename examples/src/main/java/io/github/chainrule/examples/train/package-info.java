/** The course's model shapes, batch gradient descent with nn's trainer, and predictions and accuracies. */
package io.github.chainrule.examples.train;
