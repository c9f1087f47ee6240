/**
 * Operators' side: the command line that runs, restarts and inspects jobs through JobOperator and the job
 * repository.
 */
@NullMarked
package io.ambar.ops;

import org.jspecify.annotations.NullMarked;
