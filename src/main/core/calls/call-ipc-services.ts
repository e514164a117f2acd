import type { FloorDesk } from '../floor';
import type { IpcServices } from '../platform/router';
import type { PrivacyGuard } from '../privacy';
import type { createCallServices } from './call-services';
import type { DeskCallsRepository } from './desk-calls.repository';

type CallChannel =
  'calls:state' | 'calls:start' | 'calls:end' | 'calls:alertSupervisor' | 'calls:saveDraft';

/** The calls:* channels, over the desk's calls (call-services.ts). */
export function createCallIpcServices(deps: {
  calls: ReturnType<typeof createCallServices>;
  deskCalls: DeskCallsRepository;
  privacy: PrivacyGuard;
  floor: FloorDesk;
}): Pick<IpcServices, CallChannel> {
  const { calls, deskCalls, privacy, floor } = deps;
  return {
    // A call's own number is readable while the call is on and just after; masked past that.
    'calls:state': async () => privacy.callsState(await calls.state()),
    'calls:start': (input) => calls.start(input),
    'calls:end': ({ callId }) => calls.end(callId),
    'calls:alertSupervisor': async (input) => {
      const alerted = await calls.alertSupervisor(input);
      // Through the retailer to the center's supervisors (queued while offline), with the
      // agent's note as the draft keeps it (card numbers already taken out).
      const note = deskCalls.drafts().get(input.callId)?.harassmentNote ?? '';
      const alert = floor.alerts.raise({
        kind: 'harassment',
        callId: input.callId,
        customerId: input.customerId,
        protocolStage: input.stage,
        note,
      });
      return { ...alerted, alertId: alert.id };
    },
    'calls:saveDraft': ({ callId, draft }) => calls.saveDraft(callId, draft),
  };
}
