import type { Kysely } from 'kysely';
import type { createCallServices } from '../calls';
import { readGuidanceReference } from '../guidance';
import type { Database } from '../platform/database';
import type { IpcServices } from '../platform/router';
import type { PrivacyGuard } from '../privacy';
import type { RetailerServices } from '../sync';
import type { WrapUpService } from './wrap-up-service';

/** The wrapUp:* channels, and the wrap-ups the offline grace's lock still lets the agent finish. */
export function createWrapUpServices(deps: {
  db: Kysely<Database>;
  wrapUps: WrapUpService;
  calls: ReturnType<typeof createCallServices>;
  privacy: PrivacyGuard;
  retailer: RetailerServices | null;
}): Pick<IpcServices, 'wrapUp:save' | 'wrapUp:get' | 'lock:wrapUps'> {
  const { db, wrapUps, calls, privacy, retailer } = deps;
  return {
    'wrapUp:save': async (input) => {
      const saved = await wrapUps.save(input);
      // Push it now rather than at the next scheduled sync: the retailer sees it in seconds.
      retailer?.syncNow();
      return saved;
    },
    'wrapUp:get': ({ callId }) => wrapUps.get(callId),
    // The wrap-ups the offline grace's lock still lets the agent finish: no card, no names.
    'lock:wrapUps': async () => {
      const { waiting, drafts } = privacy.callsState(await calls.state());
      return {
        waiting,
        drafts: Object.fromEntries(
          waiting.flatMap((c) => (drafts[c.callId] ? [[c.callId, drafts[c.callId]!]] : [])),
        ),
        reference: await readGuidanceReference(db),
      };
    },
  };
}
