import type { VocRecord } from '../../src/shared/domain';

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
