/** What every example program shares: its options, the console it prints to, its summary table and its output files. */
package io.github.chainrule.examples.cli;
