import { describe, expect, it } from 'vitest';
import { accessKind, accessPush } from '../../../../src/shared/protocol/access-audit';
import { uuidV7 } from '../../../../src/shared/uuid-v7';

const push = (kind: string) => ({
  id: uuidV7(),
  kind,
  customerId: 'cust-1',
  callId: null,
  detail: {},
  at: '2026-12-07T09:00:00.000Z',
});

describe('a desk access push', () => {
  it('may carry every kind a desk records, and not the ones the server writes itself', () => {
    const pushed = accessKind.options.filter((kind) => accessPush.safeParse(push(kind)).success);
    expect(pushed).toEqual([
      'pii_revealed',
      'pii_reveal_refused',
      'customer_opened',
      'search',
      'supervisor_alerted',
    ]);
  });
});
