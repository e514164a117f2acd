import type { Kysely } from 'kysely';
import type { CustomerCard } from '../../../shared/domain';
import type { CallsState, OutreachList, ScreenPopResult, SearchResult } from '../../../shared/ipc';
import type { CallSession } from '../../../shared/calls/call-session';
import {
  DEFAULT_DATA_PROTECTION,
  dataProtectionFrom,
  maskCard,
  maskSummary,
  revealedValues,
  type DataProtection,
  type RevealableField,
} from '../../../shared/privacy/data-protection';
import { maskPhone } from '../../../shared/privacy/mask';
import type { CallDesk, DeskCallsRepository } from '../calls';
import { appendAudit, type AuditEntry } from '../access-audit';
import { findCustomerIdsByPhone, getCustomer } from '../customers';
import type { Database } from '../platform/database';
import { readActivePolicies } from '../guidance';
import { AppError } from '../platform/errors';

/**
 * Personal data is masked in the core, not in the page: every answer that carries a customer
 * leaves through here with the retailer's sensitive fields masked, and the only way to the
 * unmasked value is `reveal` — one field of one customer, during a call with that customer or
 * within {@link REVEAL_AFTER_CALL_MS} of its end, logged before it is returned.
 */

/** How long after a call its customer's data may still be revealed (the wrap-up's time). */
export const REVEAL_AFTER_CALL_MS = 15 * 60_000;

export interface RevealInput {
  customerId: string;
  field: RevealableField;
  callId: string | null;
}

export interface PrivacyGuard {
  policy(): DataProtection;
  /** Reads the retailer's `data_protection` policy again (after a pull). */
  refresh(): Promise<void>;
  card(card: CustomerCard): CustomerCard;
  screenPop(pop: ScreenPopResult): ScreenPopResult;
  search(result: SearchResult): SearchResult;
  outreach(list: OutreachList): OutreachList;
  /**
   * The desk's calls with their numbers: a call's own number is the one the agent is speaking
   * to, so it stays readable while the call is on and for {@link REVEAL_AFTER_CALL_MS} after it
   * (the window in which that caller's data may be revealed); past it, masked like every other
   * phone when the retailer marks phones sensitive.
   */
  callsState(state: CallsState): CallsState;
  reveal(
    input: RevealInput,
    agentId: string | null,
  ): Promise<{ loggedAt: string; values: string[] }>;
}

export interface PrivacyGuardDeps {
  db: Kysely<Database>;
  desk: CallDesk;
  deskCalls: DeskCallsRepository;
  /** Told after each reveal (allowed or refused) is recorded in the desk's audit. */
  onAudited?: (entry: AuditEntry) => void;
  now?: () => number;
}

export function createPrivacyGuard(deps: PrivacyGuardDeps): PrivacyGuard {
  const { db, desk, deskCalls } = deps;
  const now = deps.now ?? Date.now;
  let current: DataProtection = DEFAULT_DATA_PROTECTION;

  /** On the line, ringing, in wrap-up, or ended (or wrapped up) at most 15 minutes ago. */
  const withinCallWindow = (call: CallSession): boolean => {
    const active = call.state === 'ringing' || call.state === 'in_call' || call.state === 'wrap_up';
    const endedAt = call.wrapUpSavedAt ?? call.endedAt;
    return active || (endedAt !== null && now() - Date.parse(endedAt) <= REVEAL_AFTER_CALL_MS);
  };

  /** The call's number, masked past its window (a number with no digits, withheld, stays). */
  const callNumber = <T extends { callId: string; ani: string; e164: string | null }>(
    line: T,
  ): T => {
    if (!current.sensitive.has('phone')) return line;
    const call = desk.get(line.callId);
    if (call && withinCallWindow(call)) return line;
    if (!/\d/.test(line.ani) && line.e164 === null) return line;
    return { ...line, ani: maskPhone(line.e164 ?? line.ani), e164: null };
  };

  /** Whether the call is with this customer: the one confirmed, called, or whose number rang. */
  const callIsWith = async (callId: string, customerId: string): Promise<boolean> => {
    const call = desk.get(callId);
    if (!call) return false;
    if (!withinCallWindow(call)) return false;
    if (call.outreach?.customerId === customerId) return true;
    const confirmed = deskCalls.drafts().get(callId)?.customerId;
    if (confirmed === customerId) return true;
    if (confirmed === undefined && call.e164)
      return (await findCustomerIdsByPhone(db, call.e164)).includes(customerId);
    return false;
  };

  return {
    policy: () => current,
    async refresh() {
      current = dataProtectionFrom(await readActivePolicies(db).catch(() => []));
    },
    card: (card) => maskCard(card, current),
    screenPop: (pop) => ({
      ...pop,
      // The number it was read by is a customer's phone too (it stays truthy: "readable").
      e164: pop.e164 !== null && current.sensitive.has('phone') ? maskPhone(pop.e164) : pop.e164,
      matches: pop.matches.map((m) => maskSummary(m, current)),
      card: pop.card && maskCard(pop.card, current),
    }),
    search: (result) => ({
      ...result,
      customers: result.customers.map((c) => maskSummary(c, current)),
    }),
    outreach: (list) => ({
      ...list,
      entries: list.entries.map((e) => ({
        ...e,
        phone: current.sensitive.has('phone') && e.phone !== null ? maskPhone(e.phone) : e.phone,
      })),
    }),
    callsState: (state) => ({
      ...state,
      current: state.current && callNumber(state.current),
      waiting: state.waiting.map(callNumber),
      today: state.today.map(callNumber),
    }),
    async reveal({ customerId, field, callId }, agentId) {
      const at = new Date(now()).toISOString();
      const allowed = callId !== null && (await callIsWith(callId, customerId));
      // Refusals are logged too: someone trying to read customers between calls is a signal.
      const entry: AuditEntry = {
        kind: allowed ? 'pii_revealed' : 'pii_reveal_refused',
        agentId,
        customerId,
        callId,
        detail: { field },
        at,
      };
      await appendAudit(db, entry);
      // The bulk-access policies count it and the audit outbox sends it to the retailer.
      deps.onAudited?.(entry);
      if (!allowed)
        throw new AppError(
          'forbidden',
          'Personal data is shown only during or just after a call with this customer.',
        );
      const customer = await getCustomer(db, customerId);
      if (!customer)
        throw new AppError('not_found', `No customer ${customerId} in the local cache.`);
      return { loggedAt: at, values: revealedValues(customer, field) };
    },
  };
}
