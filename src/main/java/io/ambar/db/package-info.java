/**
 * Where the data lives: the embedded PostgreSQL that Ambar starts itself when no datasource is configured.
 */
@NullMarked
package io.ambar.db;

import org.jspecify.annotations.NullMarked;
