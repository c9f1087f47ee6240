package io.ambar.cache;

/** A SKU and the version of its product that a refresh wrote: older cached versions are stale. */
record SkuVersion(String sku, long version) {
}
