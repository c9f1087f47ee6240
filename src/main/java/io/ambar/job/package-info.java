/**
 * What every Ambar job tells operators about itself: what it does, the parameters it takes (with types, defaults
 * and one line of documentation), and how it may run; the operations layer validates launches against it.
 */
@NullMarked
package io.ambar.job;

import org.jspecify.annotations.NullMarked;
