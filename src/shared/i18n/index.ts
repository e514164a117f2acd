import type { Language } from '../domain/primitives';
import type { Catalog } from './catalog';
import { en } from './en';
import { ja } from './ja';

export type { Catalog } from './catalog';

/** Every UI catalog by language; `Record<Language, …>` makes a new language fail tsc until added. */
export const catalogs: Record<Language, Catalog> = { ja, en };
