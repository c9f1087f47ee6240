/**
 * The operator API: thin REST controllers over the operations layer, behind Spring Security (roles viewer and
 * operator), with RFC 9457 problem details for every error. Served by {@code server} only.
 */
@NullMarked
package io.ambar.ops.web;

import org.jspecify.annotations.NullMarked;
