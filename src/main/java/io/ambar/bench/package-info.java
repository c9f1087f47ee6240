/**
 * The {@code bench} command: times Ambar's feed jobs against hand-written SQL (naive, smart, typed CSV) and the plain
 * Spring Batch pattern on generated feeds, in its own JVM or as fresh processes, times start-up, and prints the
 * results and issue 11's targets as Markdown.
 */
@NullMarked
package io.ambar.bench;

import org.jspecify.annotations.NullMarked;
