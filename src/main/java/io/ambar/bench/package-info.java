/**
 * The {@code bench} command: times Ambar's feed jobs against a raw COPY reference and the plain Spring Batch
 * pattern on generated feeds, in one process on one database, and prints the results as a Markdown table.
 */
@NullMarked
package io.ambar.bench;

import org.jspecify.annotations.NullMarked;
