import { expect, it } from 'vitest';
import { uuidV7 } from '../../../src/shared/uuid-v7';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('writes the time first, then the version, variant and random bits, as RFC 9562 lays them out', () => {
  const at = Date.parse('2026-12-07T09:00:00.000Z');
  const id = uuidV7(at, (bytes) => bytes.fill(0xff));
  expect(id).toBe(
    `${at
      .toString(16)
      .padStart(12, '0')
      .replace(/^(.{8})/, '$1-')}-7fff-bfff-ffffffffffff`,
  );
  expect(uuidV7(at, (bytes) => bytes.fill(0))).toMatch(FORMAT);
});

it('never hands out the same random bits twice, across refills of its block of random bytes', () => {
  const at = Date.parse('2026-12-07T09:00:00.000Z');
  // The same millisecond for all: only the random bits tell them apart. 2,000 ids span several
  // of the 256-id blocks drawn from the system.
  const ids = Array.from({ length: 2_000 }, () => uuidV7(at));
  for (const id of ids) expect(id).toMatch(FORMAT);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
});
