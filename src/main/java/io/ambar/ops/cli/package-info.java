/**
 * The command line's operator commands: thin faces over the operations layer that work directly on the database
 * or against a running {@code server} ({@code --server URL}, no Spring context: fast), printing a table that fits
 * the terminal or JSON ({@code --json}).
 */
@NullMarked
package io.ambar.ops.cli;

import org.jspecify.annotations.NullMarked;
