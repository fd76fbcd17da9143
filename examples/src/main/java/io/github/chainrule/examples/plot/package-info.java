/** Pictures: XChart plots written as PNG, grids of data images, and Graphviz rendering of DOT files. */
package io.github.chainrule.examples.plot;
