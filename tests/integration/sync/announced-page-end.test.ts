import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import {
  PULL_CURSOR_HEADER,
  PULL_HAS_MORE_HEADER,
  type PullPage,
} from '../../../src/shared/protocol/sync';
import { customerRecord } from '../../fixtures/retailer-records';
import { fakeSignedInSessions } from '../../fixtures/sync-client';

/**
 * The client asks for the next page as soon as a page's headers announce where it ends. The
 * body is the authority: a fake retailer whose headers lie must not get a page stored out of
 * order, and one whose headers are missing is pulled one page at a time.
 */

interface Answer {
  page: PullPage;
  announce?: { cursor: string; hasMore: string };
}

/** Answers by `since`, and remembers every `since` it was asked for, in order. */
let answers = new Map<string, Answer>();
let asked: string[] = [];
const fake = http.createServer((req, res) => {
  const since = new URL(req.url ?? '/', 'http://x').searchParams.get('since') ?? '0';
  asked.push(since);
  const answer = answers.get(since);
  if (!answer) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"x","message":"no such page"}}');
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(answer.announce
      ? {
          [PULL_CURSOR_HEADER]: answer.announce.cursor,
          [PULL_HAS_MORE_HEADER]: answer.announce.hasMore,
        }
      : {}),
  });
  res.end(JSON.stringify(answer.page));
});

const page = (records: RetailerRecord[], cursor: string, hasMore: boolean): PullPage => ({
  protocolVersion: 1,
  cursor,
  hasMore,
  records,
  deletions: [],
  purgeBefore: null,
  serverTime: '2026-11-23T00:00:00.000Z',
});

let baseUrl = '';
let dir = '';
const sessions = fakeSignedInSessions();

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'koe-announced-'));
});
afterAll(async () => {
  await new Promise((resolve) => fake.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function pullInto(file: string) {
  const local = await openDatabase({ filename: join(dir, file) });
  try {
    const result = await pullChanges(local.sqlite, createRetailerApi({ baseUrl, sessions }));
    const ids = (
      local.sqlite.prepare('select id from customers order by id').all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    return { result, ids };
  } finally {
    await local.close();
  }
}

describe('pages announced in the headers', () => {
  it('asks for the next page from the headers, before it has read the body', async () => {
    answers = new Map([
      [
        '0',
        {
          page: page([customerRecord({ id: 'c-a' })], '2', true),
          announce: { cursor: '2', hasMore: 'true' },
        },
      ],
      [
        '2',
        {
          page: page([customerRecord({ id: 'c-b' })], '4', false),
          announce: { cursor: '4', hasMore: 'false' },
        },
      ],
    ]);
    asked = [];
    const { result, ids } = await pullInto('ahead.sqlite');
    expect(ids).toEqual(['c-a', 'c-b']);
    expect(result).toMatchObject({ pages: 2, cursor: '4' });
    expect(asked).toEqual(['0', '2']);
  });

  it('drops the early answer when the body disagrees with the headers, and stores nothing of it', async () => {
    answers = new Map([
      // The headers say the page ends at 5; the body says 2.
      [
        '0',
        {
          page: page([customerRecord({ id: 'c-a' })], '2', true),
          announce: { cursor: '5', hasMore: 'true' },
        },
      ],
      [
        '5',
        {
          page: page([customerRecord({ id: 'c-wrong' })], '6', false),
          announce: { cursor: '6', hasMore: 'false' },
        },
      ],
      [
        '2',
        {
          page: page([customerRecord({ id: 'c-b' })], '3', false),
          announce: { cursor: '3', hasMore: 'false' },
        },
      ],
    ]);
    asked = [];
    const { result, ids } = await pullInto('lying.sqlite');
    expect(ids).toEqual(['c-a', 'c-b']);
    expect(result).toMatchObject({ pages: 2, cursor: '3' });
    expect(asked).toContain('5'); // it was asked for early, and then not used
    expect(asked.at(-1)).toBe('2');
  });

  it('pulls one page at a time from a server that announces nothing (or nonsense)', async () => {
    answers = new Map([
      ['0', { page: page([customerRecord({ id: 'c-a' })], '2', true) }],
      [
        '2',
        {
          page: page([customerRecord({ id: 'c-b' })], '4', true),
          announce: { cursor: '4', hasMore: 'maybe' },
        },
      ],
      [
        '4',
        {
          page: page([customerRecord({ id: 'c-c' })], '7', false),
          announce: { cursor: 'x7', hasMore: 'false' },
        },
      ],
    ]);
    asked = [];
    const { result, ids } = await pullInto('silent.sqlite');
    expect(ids).toEqual(['c-a', 'c-b', 'c-c']);
    expect(result).toMatchObject({ pages: 3, cursor: '7' });
    expect(asked).toEqual(['0', '2', '4']);
  });
});
