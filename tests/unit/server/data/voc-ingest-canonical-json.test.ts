import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../server/src/data/voc-ingest';

/**
 * The text a stored VoC record's content hash was made of: a replay is a duplicate only if the
 * same record still gives the same bytes, so the text is pinned here, not just its stability.
 */
describe('canonical JSON of a VoC record', () => {
  const record = {
    revision: 1,
    id: 'v-1',
    customerWords: '配達が "遅い"\n',
    callbackAt: undefined,
    reasonCodes: ['delivery.late', 'refund'],
    harassment: { severity: 'low', notes: null, b: [1, undefined, { z: true, a: -0 }] },
    Zeta: 2,
    avoidable: false,
  };

  it('sorts keys at every depth and leaves undefined members out, as stored hashes were made', () => {
    expect(canonicalJson(record)).toBe(
      '{"Zeta":2,"avoidable":false,"customerWords":"配達が \\"遅い\\"\\n",' +
        '"harassment":{"b":[1,,{"a":0,"z":true}],"notes":null,"severity":"low"},' +
        '"id":"v-1","reasonCodes":["delivery.late","refund"],"revision":1}',
    );
  });

  it('leaves out the omitted top-level key as if it were undefined (revision 1 hashes without it)', () => {
    expect(canonicalJson(record, 'revision')).toBe(
      canonicalJson({ ...record, revision: undefined }),
    );
    expect(canonicalJson(record, 'revision')).not.toContain('"revision"');
    expect(canonicalJson({ a: { revision: 2 } }, 'revision')).toBe('{"a":{"revision":2}}');
  });
});
