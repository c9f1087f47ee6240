/**
 * The operator console: server-rendered pages (Thymeleaf, htmx for live progress) over the operations layer, in
 * {@code server}, behind the same login and roles as the API. Its controllers hold no rule: what may be done is
 * what the layer allows; a page only hides the controls its user's role may not use, and says what the layer
 * answered.
 */
@NullMarked
package io.ambar.ops.console;

import org.jspecify.annotations.NullMarked;
