import type { Language } from '../domain/primitives';
import type { Catalog } from './catalog';
import en from './catalogs/en.json';
import ja from './catalogs/ja.json';

export type { Catalog } from './catalog';

/**
 * Every UI catalog by language, kept as data a translator's tools read (`catalogs/<language>.json`,
 * one top-level key a feature: `insights`, `floor`, `wrapUp` …).
 *
 * - Japanese is the default language of Koe and the shape every other catalog follows: `en` is
 *   typed against it, so a missing key fails tsc, and a unit test checks both key sets and
 *   placeholders match at runtime.
 * - Plural keys carry both `_one` and `_other` in every language so the key sets stay identical;
 *   Japanese has no plural forms, so i18next only ever reads `_other` there.
 * - `app.errors` says what an IPC error code means to the agent (the core's own words follow as
 *   the technical detail); `wrapUp.errors` is a form error next to its field.
 * - Shared code outside the renderer reads strings through `fill` (`{{name}}` as in i18next).
 *
 * `Record<Language, …>` makes a new language fail tsc until added.
 */
export const catalogs: Record<Language, Catalog> = { ja, en };
