import type { IpcServices } from '../platform/router';
import type { PrivacyGuard } from '../privacy';
import type { HeavyReads } from '../reader';

/** The outreach:list channel: read on the reader worker, masked like every customer answer. */
export function createOutreachServices(deps: {
  heavyReads: HeavyReads;
  privacy: PrivacyGuard;
}): Pick<IpcServices, 'outreach:list'> {
  const { heavyReads, privacy } = deps;
  return {
    'outreach:list': async ({ limit }) => privacy.outreach(await heavyReads.outreachList(limit)),
  };
}
