import type { Kysely } from 'kysely';
import type { SignedInAgent } from '../../../shared/ipc';
import type { RecordAccess } from '../access-audit';
import type { CallDesk } from '../calls';
import type { Database } from '../platform/database';
import { AppError } from '../platform/errors';
import type { IpcServices } from '../platform/router';
import { withPredictions, type PredictionService } from '../predictions';
import type { PrivacyGuard } from '../privacy';
import type { HeavyReads } from '../reader';
import { readCustomerCard } from './customer-card';
import { readScreenPop } from './screen-pop';

type CustomerChannel =
  'customers:search' | 'customers:screenPop' | 'customers:card' | 'customers:revealPii';

/** The customers:* channels: search, the pop by phone, the card and the reveal of a field. */
export function createCustomerServices(deps: {
  db: Kysely<Database>;
  desk: CallDesk;
  predictions: PredictionService | null;
  privacy: PrivacyGuard;
  heavyReads: HeavyReads;
  audit: RecordAccess;
  agent: () => SignedInAgent | null;
}): Pick<IpcServices, CustomerChannel> {
  const { db, desk, predictions, privacy, heavyReads, audit, agent } = deps;
  return {
    'customers:search': async ({ query, limit }) => {
      const result = await heavyReads.searchCustomers(query, limit);
      // Every search is an access: who listed which customers (not what was typed: a phone
      // number or a name is itself personal data).
      audit({
        kind: 'search',
        customerId: null,
        callId: desk.current()?.callId ?? null,
        detail: {
          queryClass: result.queryClass,
          results: result.customers.length,
          customerIds: listedIds(result.customers.map((c) => c.id)),
        },
      });
      return privacy.search(result);
    },
    'customers:screenPop': async ({ phone }) => {
      const pop = await readScreenPop(db, phone, predictions);
      // Popped by hand with no call on: a customer opened outside a call, audited like a card.
      if (pop.card && !desk.isCallActive())
        audit({
          kind: 'customer_opened',
          customerId: pop.card.customer.id,
          callId: null,
          detail: { via: 'phone' },
        });
      return privacy.screenPop(pop);
    },
    'customers:card': async ({ customerId }) => {
      const card = await readCustomerCard(db, customerId);
      if (!card) throw new AppError('not_found', `No customer ${customerId} in the local cache.`);
      // Opened outside a live call: no caller asked for this customer, so it is audited.
      if (!desk.isCallActive())
        audit({ kind: 'customer_opened', customerId, callId: null, detail: {} });
      return privacy.card(withPredictions(predictions, card));
    },
    // Reveals are logged (who saw which customer's what, when, on which call) and allowed only
    // during or just after a call with that customer.
    'customers:revealPii': (input) => privacy.reveal(input, agent()?.id ?? null),
  };
}

/** The ids a search listed, within the audit row's bound (2,000 characters; see access-audit). */
function listedIds(ids: readonly string[]): string {
  let text = '';
  for (const id of ids) {
    const next = text ? `${text},${id}` : id;
    if (next.length > 2_000) break;
    text = next;
  }
  return text;
}
