import type { AppInfo, SignedInAgent } from '../../../shared/ipc';

/**
 * The retailer's name as scripts say it: the embedded demo retailer's in the agent's language,
 * any other's as its sign-in gave it. Empty when unknown: the script then marks the gap rather
 * than inventing a name.
 */
export function retailerNameFor(
  appInfo: AppInfo | null,
  agent: SignedInAgent | null,
  demoName: string,
): string {
  if (appInfo?.dataSource === 'demo') return demoName;
  return agent?.retailerName ?? '';
}
