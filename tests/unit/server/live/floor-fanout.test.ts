import { describe, expect, it } from 'vitest';
import { sees } from '../../../../server/src/live/floor-fanout';
import { floorNotificationText } from '../../../../src/shared/i18n/shell-messages';
import type { FloorAlert, FloorLiveEvent } from '../../../../src/shared/protocol/supervisor-alerts';

const alert: FloorAlert = {
  id: '0190d7a0-0000-7000-8000-000000000001',
  kind: 'help',
  agentId: 'agent-x',
  agentName: '山田 美咲',
  centerId: 'x',
  callId: null,
  customerId: null,
  protocolStage: null,
  note: '',
  raisedAt: '2026-12-06T09:00:00.000Z',
  receivedAt: '2026-12-06T09:00:00.100Z',
  acknowledged: null,
  escalatedAt: null,
  stages: [],
  policy: null,
};
const alertEvent: FloorLiveEvent = { type: 'alert', stage: 'raised', alert };
const stateEvent: FloorLiveEvent = {
  type: 'agent_state',
  agent: {
    agentId: 'agent-x',
    agentName: '山田 美咲',
    centerId: 'x',
    status: 'ready',
    reason: null,
    since: '2026-12-06T09:00:00.000Z',
    version: '1.4.0',
    presence: 'online',
    seenAt: '2026-12-06T09:00:00.000Z',
  },
};
const who = (
  role: 'agent' | 'trainer' | 'supervisor' | 'retailer_admin',
  centerId: string | null,
  userId = 'u',
) => ({
  userId,
  tenantId: 't',
  centerId,
  role,
});

describe("who hears what on the floor's live stream", () => {
  it("a supervisor hears their own center's alerts and agents, never another center's", () => {
    expect(sees(who('supervisor', 'x'), alertEvent)).toBe(true);
    expect(sees(who('supervisor', 'x'), stateEvent)).toBe(true);
    expect(sees(who('supervisor', 'y'), alertEvent)).toBe(false);
    expect(sees(who('supervisor', 'y'), stateEvent)).toBe(false);
  });

  it('a retailer admin hears every center; a trainer nothing', () => {
    expect(sees(who('retailer_admin', null), alertEvent)).toBe(true);
    expect(sees(who('retailer_admin', null), stateEvent)).toBe(true);
    expect(sees(who('trainer', 'x'), alertEvent)).toBe(false);
  });

  it("an agent hears only their own alerts (who took them), not colleagues' nor the floor's states", () => {
    expect(sees(who('agent', 'x', 'agent-x'), alertEvent)).toBe(true);
    expect(sees(who('agent', 'x', 'agent-x2'), alertEvent)).toBe(false);
    expect(sees(who('agent', 'x', 'agent-x'), stateEvent)).toBe(false);
  });
});

describe("a supervisor's desktop notification", () => {
  it('names the agent and what happened, in the desk language', () => {
    expect(
      floorNotificationText('ja', { kind: 'harassment', agentName: '山田 美咲', escalated: false })
        .title,
    ).toBe('カスハラ対応中: 山田 美咲');
    expect(
      floorNotificationText('en', { kind: 'help', agentName: 'Yamada Misaki', escalated: true })
        .title,
    ).toBe('Alert nobody took (escalated): Yamada Misaki');
  });
});
