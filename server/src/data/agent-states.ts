import type { AgentStateChange, AgentStateRow } from '../../../src/shared/protocol/agent-state';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { recordOutreachCall, type ReportingDesk } from './outreach-calls';

/**
 * Records a desk's state changes, each once (by id), in one transaction, and moves the agent's
 * current state to the newest. The desk is the token's: its agent, center and desk id.
 */
export async function recordAgentStateChanges(
  db: ServerDb,
  desk: ReportingDesk & { centerId: string },
  changes: readonly AgentStateChange[],
  receivedAt: string,
): Promise<{ id: string; status: 'accepted' | 'duplicate' }[]> {
  // In the order the desk made them: the current state ends at the newest change.
  const ordered = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return db.transaction().execute(async (trx) => {
    const results: { id: string; status: 'accepted' | 'duplicate' }[] = [];
    for (const change of ordered) {
      const row = {
        tenant_id: desk.tenantId,
        agent_id: desk.agentId,
        center_id: desk.centerId,
        status: change.status,
        reason: change.reason,
        desk_locked: change.deskLocked ? 1 : 0,
      };
      const inserted = await trx
        .insertInto('agent_state_changes')
        .values({ ...row, id: change.id, at: change.at, received_at: receivedAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        results.push({ id: change.id, status: 'duplicate' });
        continue;
      }
      // The outreach call this desk went on: what a proactive call's outcome is checked
      // against (outreach-calls.ts).
      if (change.call) await recordOutreachCall(trx, desk, change.call, change.at, receivedAt);
      // UUIDv7 ids sort by the desk's time: a change delivered late never undoes a newer one.
      await trx
        .insertInto('agent_states')
        .values({ ...row, since: change.at, change_id: change.id })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'agent_id'])
            .doUpdateSet((eb) => ({
              center_id: eb.ref('excluded.center_id'),
              status: eb.ref('excluded.status'),
              reason: eb.ref('excluded.reason'),
              since: eb.ref('excluded.since'),
              change_id: eb.ref('excluded.change_id'),
              desk_locked: eb.ref('excluded.desk_locked'),
            }))
            .where('agent_states.change_id', '<', change.id),
        )
        .execute();
      results.push({ id: change.id, status: 'accepted' });
    }
    return results;
  });
}

/** Agents' current states: an agent's own, a supervisor's or trainer's center, else the tenant. */
export async function readAgentStates(
  db: ServerDb,
  principal: Principal,
): Promise<AgentStateRow[]> {
  const rows = await db
    .selectFrom('agent_states')
    .select(['agent_id', 'center_id', 'status', 'reason', 'since'])
    .where('tenant_id', '=', principal.tenantId)
    .$if(principal.role === 'agent', (q) => q.where('agent_id', '=', principal.userId))
    .$if(principal.role === 'supervisor' || principal.role === 'trainer', (q) =>
      q.where('center_id', '=', principal.centerId ?? ''),
    )
    .orderBy('agent_id')
    .execute();
  return rows.map((r) => ({
    agentId: r.agent_id,
    centerId: r.center_id,
    status: r.status as AgentStateRow['status'],
    reason: r.reason as AgentStateRow['reason'],
    since: r.since,
  }));
}
