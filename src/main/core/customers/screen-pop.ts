import type { Kysely } from 'kysely';
import type { ScreenPopResult } from '../../../shared/ipc';
import { toE164 } from '../../../shared/phone';
import { readCustomerCard } from './customer-card';
import { findCustomerIdsByPhone, getCustomerSummaries, summarizeCard } from './customer.repository';
import type { Database } from '../platform/database';
import { withPredictions, type PredictionService } from '../predictions';

/**
 * Who is calling from this number: one customer's whole card (with the predictions, when a
 * prediction service runs), or every match to choose from.
 */
export async function readScreenPop(
  db: Kysely<Database>,
  phone: string,
  predictions: PredictionService | null = null,
): Promise<ScreenPopResult> {
  const e164 = toE164(phone);
  if (!e164) return { e164: null, matches: [], card: null };
  const ids = await findCustomerIdsByPhone(db, e164);
  if (ids.length !== 1) return { e164, matches: await getCustomerSummaries(db, ids), card: null };
  // The usual case, one caller: the card already holds everything its summary shows.
  const read = await readCustomerCard(db, ids[0] as string);
  const card = read && withPredictions(predictions, read);
  return { e164, matches: card ? [summarizeCard(card)] : [], card };
}
