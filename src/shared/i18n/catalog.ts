import type { ja } from './ja';

/** The shape every UI catalog has: Japanese is the reference language. */
export type Catalog = typeof ja;
