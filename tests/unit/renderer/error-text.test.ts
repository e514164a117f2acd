import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorText, type ErrorKeys } from '../../../src/renderer/src/app/error-text';
import { catalogs } from '../../../src/shared/i18n';
import type { IpcError } from '../../../src/shared/ipc';

/**
 * The agent reads why something failed in their language: the core's precise reason (or its
 * code) crosses IPC and the page words it from the catalogs; the core's English sentence is
 * never what the agent reads first.
 */
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'ja',
    resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } },
  });
});
const t = (key: ErrorKeys): string => i18n.t(key);

describe('error text', () => {
  it('words a precise reason from the catalog, in each language', async () => {
    const error: IpcError = {
      code: 'forbidden',
      message: 'The current desk PIN is not right.',
      reason: 'pin_wrong',
    };
    expect(errorText(error, t)).toBe(catalogs.ja.app.reasons.pin_wrong);
    await i18n.changeLanguage('en');
    expect(errorText(error, t)).toBe(catalogs.en.app.reasons.pin_wrong);
    await i18n.changeLanguage('ja');
  });

  it('falls back to the code’s sentence, never to the core’s English message', () => {
    const error: IpcError = { code: 'conflict', message: 'Call call-9 already ended.' };
    expect(errorText(error, t)).toBe(catalogs.ja.app.errors.conflict);
  });
});
