import type ja from './catalogs/ja.json';

/** The shape every UI catalog has: Japanese is the reference language. */
export type Catalog = typeof ja;
