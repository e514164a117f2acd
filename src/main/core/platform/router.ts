import type { z } from 'zod';
import {
  ipcChannels,
  ipcHandlers,
  isIpcChannel,
  type IpcChannel,
  type IpcOutput,
  type IpcParsedInput,
  type IpcResult,
} from '../../../shared/ipc';
import { AppError } from './errors';

/** The services behind the contract: one function per channel, given already-validated input. */
export type IpcServices = {
  [C in IpcChannel]: (input: IpcParsedInput<C>) => Promise<IpcOutput<C>> | IpcOutput<C>;
};

/** The services of one part of the contract (a feature's `…IpcHandlers`): its channels'. */
export type ServicesOf<Handlers> = Pick<IpcServices, keyof Handlers & IpcChannel>;

export interface IpcRouter {
  readonly channels: readonly IpcChannel[];
  /** Validates `rawInput` against the channel's schema, then runs its service. Never throws. */
  handle(channel: unknown, rawInput: unknown): Promise<IpcResult<unknown>>;
}

/**
 * The one place where renderer input meets the core, whatever carries it (Electron IPC or the
 * browser harness). Unknown channels and invalid input are refused before any service runs.
 */
export function createIpcRouter(
  services: IpcServices,
  log: (message: string, error: unknown) => void = console.error,
): IpcRouter {
  for (const name of ipcChannels) {
    if (typeof services[name] !== 'function') throw new Error(`No service for channel ${name}`);
  }
  return {
    channels: ipcChannels,
    async handle(channel, rawInput) {
      if (!isIpcChannel(channel)) {
        return fail('unknown_channel', `There is no channel named ${JSON.stringify(channel)}.`);
      }
      const schema: z.ZodType = ipcHandlers[channel].input;
      const parsed = schema.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return fail('invalid_input', describeIssues(channel, parsed.error));
      }
      try {
        const service = services[channel] as (input: unknown) => unknown;
        return { ok: true, value: await service(parsed.data) };
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message, error.reason);
        log(`Service for ${channel} failed`, error);
        return fail('internal', 'Something went wrong inside Koe. The error has been logged.');
      }
    },
  };
}

function fail(
  code: AppError['code'],
  message: string,
  reason?: AppError['reason'],
): IpcResult<never> {
  return { ok: false, error: reason ? { code, message, reason } : { code, message } };
}

function describeIssues(channel: string, error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  return `Invalid input for ${channel}: ${issues.join('; ')}`;
}
