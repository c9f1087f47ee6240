/**
 * The stock-update job: applies a feed of absolute stock levels (SKU -> quantity) to the catalogue.
 */
@NullMarked
package io.ambar.stock;

import org.jspecify.annotations.NullMarked;
