import { describe, expect, it } from 'vitest';
import { retailerNameFor } from '../../../src/renderer/src/app/retailer-name';
import type { AppInfo, SignedInAgent } from '../../../src/shared/ipc';

const info = (dataSource: AppInfo['dataSource']): AppInfo => ({
  version: 'test',
  locale: 'ja',
  dataSource,
  retailerUrl: 'http://127.0.0.1:1',
  customerCount: 0,
});
const agent = (retailerName: string | null): SignedInAgent => ({
  id: 'u1',
  displayName: '山田',
  centerId: 'c1',
  role: 'agent',
  retailerName,
});

describe('the retailer name scripts greet with', () => {
  it('is the signed-in retailer’s on a real retailer, and the demo’s in the agent’s language', () => {
    expect(retailerNameFor(info('retailer'), agent('ネコ通販'), 'デモ通販')).toBe('ネコ通販');
    expect(retailerNameFor(info('demo'), agent('デモ通販 (Demo Retailer)'), 'Demo Retailer')).toBe(
      'Demo Retailer',
    );
    // Unknown (an older server's session): empty, so the script marks the gap.
    expect(retailerNameFor(info('retailer'), agent(null), 'デモ通販')).toBe('');
    expect(retailerNameFor(null, null, 'デモ通販')).toBe('');
  });
});
