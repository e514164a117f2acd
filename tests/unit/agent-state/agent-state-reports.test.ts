import { afterEach, describe, expect, it } from 'vitest';
import { createAgentStateReporter } from '../../../src/main/core/agent-state/agent-state-reports';
import type { LocalDatabase } from '../../../src/main/core/platform/connection';
import { AppError } from '../../../src/main/core/platform/errors';
import { RetailerRefusal } from '../../../src/main/core/retailer-client/authorized-fetch';
import type { AgentState } from '../../../src/shared/agent-state/agent-state';
import type { AgentStateChange } from '../../../src/shared/protocol/agent-state';
import { openTestDatabase } from '../../fixtures/test-database';

const state = (status: AgentState['status'], since: string): AgentState => ({
  status,
  reason: null,
  choice: null,
  line: 'idle',
  since,
});

describe('agent state reports', () => {
  let database: LocalDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('keeps changes while the retailer is unreachable, then sends them in order', async () => {
    database = await openTestDatabase();
    let online = false;
    const sent: AgentStateChange[][] = [];
    const reporter = createAgentStateReporter({
      sqlite: database.sqlite,
      send: async (changes) => {
        if (!online) throw new AppError('unavailable', 'Cannot reach the retailer');
        sent.push(changes);
      },
      now: () => Date.parse('2026-12-06T09:00:00Z'),
    });
    reporter.record(state('ready', '2026-12-06T09:00:00.000Z'));
    reporter.record(state('on_call', '2026-12-06T09:00:00.000Z'));
    expect(await reporter.flush()).toBe(0);
    expect(reporter.pending()).toBe(2);
    online = true;
    expect(await reporter.flush()).toBe(2);
    reporter.close();
    expect(sent.flat().map((c) => c.status)).toEqual(['ready', 'on_call']);
    // Two changes in one millisecond still sort in the order they happened.
    const [first, second] = sent.flat();
    expect(first!.id < second!.id).toBe(true);
  });

  it('a change the retailer refuses for good is set aside with its reason, not retried, and does not block the next', async () => {
    database = await openTestDatabase();
    let refuse = true;
    const sent: string[] = [];
    const reporter = createAgentStateReporter({
      sqlite: database.sqlite,
      send: async (changes) => {
        if (refuse) throw new RetailerRefusal('forbidden', 'Agents only', 403, 'forbidden');
        sent.push(...changes.map((c) => c.status));
      },
      log: () => undefined,
    });
    reporter.record(state('ready', '2026-12-06T09:00:00.000Z'));
    expect(await reporter.flush()).toBe(0);
    expect(reporter.pending()).toBe(0);
    expect(
      database.sqlite.prepare('select refused, last_error from agent_state_reports').all(),
    ).toEqual([{ refused: 1, last_error: 'Agents only' }]);
    refuse = false;
    reporter.record(state('not_ready', '2026-12-06T09:01:00.000Z'));
    expect(await reporter.flush()).toBe(0); // record() already sent it
    reporter.close();
    expect(sent).toEqual(['not_ready']);
  });
});
