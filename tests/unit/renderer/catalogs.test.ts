import i18next from 'i18next';
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

  it('use one glossary in Japanese', () => {
    for (const [key, value] of ja) {
      for (const outlaw of GLOSSARY_OUTLAWS) expect(value as string, key).not.toMatch(outlaw);
    }
  });

  it('say "1 customer", never "1 customers": every English count has its singular', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: catalogs.en } } });
    const counted = new Set(
      [...en].filter(([, v]) => /{{\s*count\s*}}/.test(v as string)).map(([k]) => base(k)),
    );
    expect(counted.size).toBeGreaterThan(5);
    for (const key of counted) {
      if (NUMBER_AGNOSTIC.has(key)) continue;
      // (Untyped: the keys come from the catalog itself, not from the code's literals.)
      const t = i18n.t as unknown as (key: string, options: object) => string;
      const [one, two] = [1, 2].map((count) =>
        t(key, { count, days: 3, item: 'x', limit: 9, language: 'en' }),
      );
      // The singular is its own sentence, not the plural with another number in it.
      expect(one?.replace(/\b1\b/, '2'), key).not.toBe(two);
    }
  });
});

/**
 * One word for each thing, everywhere an agent reads Japanese: the retailer is 販売店 (not
 * 小売事業者 or リテーラー), the customer お客さま (not お客様; 顧客 only in 顧客データ).
 */
const GLOSSARY_OUTLAWS = [/小売事業者/, /リテーラー/, /お客様/, /顧客(?!データ)/];

/** English texts with a count that read right for any number ("and 1 more", "first 50"). */
const NUMBER_AGNOSTIC = new Set(['search.truncated', 'answers.body', 'wrapUp.order.moreItems']);

/** A key without its plural suffix (`customerCount_one` → `customerCount`). */
function base(key: string): string {
  return key.replace(/_(?:zero|one|two|few|many|other)$/, '');
}
