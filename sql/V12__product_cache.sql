-- The product read API (GET /api/products) pages by SKU with keyset conditions (sku > last) and bound filters;
-- each equality filter gets an index that returns its rows in SKU order, so a page reads about `limit` rows.
--
-- Not indexed on purpose: updated_at and price. Every stock update writes updated_at (and product-sync price): an
-- index on either would turn those updates from HOT (no index writes, see V3's fillfactor) into full index
-- updates. Their filters (updatedSince, minPrice, maxPrice) are applied while walking one of the SKU-ordered
-- indexes below or products_sku_key, which stops once a page is full.

CREATE INDEX products_brand_sku_idx ON products (brand, sku);

CREATE INDEX products_category_sku_idx ON products (category, sku);

-- active=false pages, and the cache-refresh step of product-sync finding the products the run deactivated;
-- products_active_idx (V3) serves active=true. Neither column changes on a stock update, so those stay HOT.
CREATE INDEX products_inactive_idx ON products (sku) WHERE NOT active;
