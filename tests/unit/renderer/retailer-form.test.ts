import { describe, expect, it } from 'vitest';
import { ipcHandlers } from '../../../src/shared/ipc';
import {
  checkEmail,
  checkPassword,
  checkRetailerUrl,
} from '../../../src/renderer/src/sync/retailer-form';
import { initialNavigation, navigate } from '../../../src/renderer/src/app/navigation';

const contractAccepts = (retailerUrl: string) =>
  ipcHandlers['retailer:connect'].input.safeParse({
    retailerUrl,
    email: 'agent@example.com',
    password: 'x',
  }).success;

describe('retailer connection form', () => {
  it('accepts https anywhere and http only on this machine', () => {
    for (const url of [
      'https://api.example.co.jp',
      'https://api.example.co.jp/v1/',
      'http://127.0.0.1:4010',
      'http://localhost:4010/',
      'http://localhost',
    ]) {
      expect(checkRetailerUrl(url), url).toBeNull();
      expect(contractAccepts(url), url).toBe(true);
    }
  });

  it('refuses what the core would refuse, saying why', () => {
    expect(checkRetailerUrl('  ')).toBe('required');
    expect(checkRetailerUrl('api.example.com')).toBe('invalid');
    expect(checkRetailerUrl('ftp://example.com')).toBe('invalid');
    for (const url of [
      'http://api.example.com',
      'http://192.168.0.10:4010',
      'http://localhost.evil.com',
      'http://127.0.0.1.evil.com/',
    ]) {
      expect(checkRetailerUrl(url), url).toBe('insecure');
      expect(contractAccepts(url), url).toBe(false);
    }
  });

  it('checks the e-mail and the password', () => {
    expect(checkEmail('agent@example.com')).toBeNull();
    expect(checkEmail('agent')).toBe('invalid');
    expect(checkPassword('')).toBe('required');
    expect(checkPassword('secret')).toBeNull();
  });
});

describe('settings navigation', () => {
  it('opens over the current screen and closes back to it', () => {
    const customer = navigate(initialNavigation, {
      type: 'openCustomer',
      customerId: 'c1',
      from: 'link',
    });
    const settings = navigate(customer, { type: 'openSettings' });
    expect(settings.view.kind).toBe('settings');
    expect(navigate(settings, { type: 'openSettings' })).toBe(settings);
    expect(navigate(settings, { type: 'closeSettings' }).view).toEqual(customer.view);
  });

  it('leaves for the results when the agent types a search', () => {
    const settings = navigate(initialNavigation, { type: 'openSettings' });
    expect(navigate(settings, { type: 'queryChanged', query: '佐藤' }).view).toEqual({
      kind: 'search',
    });
  });
});
