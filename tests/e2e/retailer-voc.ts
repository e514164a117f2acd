import type { VocRecord } from '../../src/shared/domain';
import type { RetailerRecord } from '../../src/shared/protocol/records';

/** The demo agent the desktop signs in as (server/src/seed.ts). */
const AGENT = { email: 'agent@demo.koe.example', password: 'koe-demo' };

/** The VoC records the retailer has received from the demo agent, read from its own API. */
export async function retailerVoc(retailerUrl: string): Promise<VocRecord[]> {
  const signIn = await fetch(`${retailerUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(AGENT),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const list = await fetch(`${retailerUrl}/v1/voc?limit=1000`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!list.ok) throw new Error(`voc: ${list.status}`);
  return ((await list.json()) as { records: VocRecord[] }).records;
}

/** Pushes records to the demo retailer as its admin (`POST /v1/data/batch`); the answer's status. */
export async function pushAsDemoAdmin(
  retailerUrl: string,
  records: readonly RetailerRecord[],
): Promise<number> {
  const signIn = await fetch(`${retailerUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.koe.example', password: 'koe-demo' }),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const answer = await fetch(`${retailerUrl}/v1/data/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  return answer.status;
}
