/** The examples' data: the real data sets embedded in the module, and the course's generated 2-D sets. */
package io.github.chainrule.examples.data;
