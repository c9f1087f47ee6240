/**
 * The {@code demo} command: a sample catalogue and stock feed run through both jobs on the embedded database.
 */
@NullMarked
package io.ambar.demo;

import org.jspecify.annotations.NullMarked;
