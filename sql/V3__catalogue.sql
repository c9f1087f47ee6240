-- The catalogue that the feed jobs write to, and the orders a later job reads.

CREATE TABLE products (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku            varchar(64)    NOT NULL,
    name           varchar(255)   NOT NULL,
    description    text,
    brand          varchar(255),
    category       varchar(255),
    price          numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency       char(3)        NOT NULL,
    attributes     jsonb          NOT NULL DEFAULT '{}'::jsonb,
    active         boolean        NOT NULL DEFAULT true,
    stock_quantity integer        NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
    -- SHA-256 of the feed-owned columns, so product-sync skips rows whose content did not change
    content_hash   bytea,
    created_at     timestamptz    NOT NULL DEFAULT now(),
    updated_at     timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT products_sku_key UNIQUE (sku)
)
-- Stock and price updates rewrite rows many times a day: leave room on each page so that an update
-- that touches no indexed column stays HOT (no index writes, less bloat).
WITH (fillfactor = 90);

-- Partial index: full-mode product-sync looks for active products absent from the feed.
CREATE INDEX products_active_idx ON products (sku) WHERE active;

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref   varchar(64)  NOT NULL UNIQUE,
    status      varchar(32)  NOT NULL,
    placed_at   timestamptz  NOT NULL DEFAULT now(),
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
    order_id    bigint       NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no     integer      NOT NULL,
    sku         varchar(64)  NOT NULL,
    quantity    integer      NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE INDEX order_items_sku_idx ON order_items (sku);
