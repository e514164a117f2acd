import type { Page } from 'playwright-core';
import type { IpcChannel, IpcInput, IpcOutput, IpcResult } from '../../src/shared/ipc';

/** Calls a contract channel in the page through `window.koe`, as the renderer does. */
export async function koeResult<C extends IpcChannel>(
  page: Page,
  channel: C,
  input: IpcInput<C>,
): Promise<IpcResult<IpcOutput<C>>> {
  return (await page.evaluate(
    ([name, value]) =>
      (
        globalThis as unknown as {
          koe: Record<string, (input: unknown) => Promise<IpcResult<unknown>>>;
        }
      ).koe[name as string]!(value),
    [channel, input] as const,
  )) as IpcResult<IpcOutput<C>>;
}

/** {@link koeResult}'s value; a refusal is an error that names the channel. */
export async function koe<C extends IpcChannel>(
  page: Page,
  channel: C,
  input: IpcInput<C>,
): Promise<IpcOutput<C>> {
  const result = await koeResult(page, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * Probes until it answers something; the deadline only ends a hung run, it asserts no timing.
 * `nudge` (e.g. a sync now) runs every two seconds of waiting.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 60_000,
  nudge?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    if (nudge && round % 20 === 19) await nudge().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Switches the desk's language as the settings screen does. */
export async function setLocale(page: Page, locale: 'ja' | 'en'): Promise<void> {
  await koe(page, 'app:setLocale', { locale });
}
