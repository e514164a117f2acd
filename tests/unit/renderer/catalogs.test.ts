import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../src/shared/i18n';

/** Every key path to a string leaf, e.g. `search.queryClass.phone`. */
function leaves(catalog: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [p, v] of leaves(value, path)) out.set(p, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('UI catalogs', () => {
  const ja = leaves(catalogs.ja);
  const en = leaves(catalogs.en);

  it('have identical key sets in Japanese and English', () => {
    expect([...en.keys()].sort()).toEqual([...ja.keys()].sort());
  });

  it('have no empty or non-string value', () => {
    for (const [language, catalog] of Object.entries({ ja, en })) {
      for (const [key, value] of catalog) {
        expect(typeof value, `${language}:${key}`).toBe('string');
        expect((value as string).trim(), `${language}:${key}`).not.toBe('');
      }
    }
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, value] of ja) {
      expect(placeholders(en.get(key) as string), key).toEqual(placeholders(value as string));
    }
  });
});
