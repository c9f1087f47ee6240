/**
 * What both feed jobs share: streaming CSV and JSON Lines feeds, plain or gzip-compressed, into flat records.
 */
@NullMarked
package io.ambar.feed;

import org.jspecify.annotations.NullMarked;
