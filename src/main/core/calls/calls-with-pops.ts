import type { Kysely } from 'kysely';
import { popsWorkspace } from '../../../shared/calls/call-session';
import type { ScreenPopResult } from '../../../shared/ipc';
import type { Database } from '../platform/database';
import type { EventBus } from '../platform/event-bus';
import type { PredictionService } from '../predictions';
import type { CallDesk } from './call-desk';
import { readScreenPop } from '../customers';

export interface CallsWithPopsDeps {
  desk: CallDesk;
  events: EventBus;
  db: Kysely<Database>;
  predictions: PredictionService | null;
  /** Behind the lock the ring goes out without its pop: the card is read after the unlock. */
  isLocked(): boolean;
  /** The pop that rides on the event is masked like the answer to customers:screenPop. */
  mask(pop: ScreenPopResult): ScreenPopResult;
}

/**
 * Sends every change of the desk as `calls:changed`; a ring (or a started call) goes out with the
 * caller's screen pop, read before the event leaves, so the card paints without another round
 * trip. Events leave in the order the desk made them, so a hang-up during that read never reaches
 * the UI before its ring. Returns the unsubscribe function.
 */
export function sendCallsWithPops(deps: CallsWithPopsDeps): () => void {
  const { desk, events } = deps;
  let deskEvents = Promise.resolve();
  return desk.subscribe(({ call, cause }) => {
    deskEvents = deskEvents.then(async () => {
      if (!popsWorkspace(cause) || deps.isLocked()) {
        return events.emit('calls:changed', { call, cause });
      }
      const read = await readScreenPop(deps.db, call.e164 ?? call.ani, deps.predictions).catch(
        () => undefined,
      );
      const pop = read && deps.mask(read);
      events.emit('calls:changed', pop ? { call, cause, pop } : { call, cause });
    });
  });
}
