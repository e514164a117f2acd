import { z } from 'zod';
import type { CustomerCard, CustomerSummary, Language } from './domain';
import type { SyncStatus } from './sync-status';
import { language } from './domain/primitives';

/**
 * THE contract between the renderer and the main process. Nothing else crosses.
 *
 * Each channel names the zod schema its input must pass (checked in main before any service
 * runs) and the type of its output. Main registers a handler for every channel; the preload and
 * the browser harness derive `window.koe` from the same map.
 */

/** Declares a channel: its input schema, and (as a type only) its output. */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: undefined as unknown as Output,
  });
}

export const searchQueryClass = z.enum(['phone', 'order_number', 'email', 'name', 'short_name']);
export type SearchQueryClass = z.infer<typeof searchQueryClass>;

export interface SearchResult {
  queryClass: SearchQueryClass;
  customers: CustomerSummary[];
  /** True when more customers matched than were returned. */
  truncated: boolean;
}

export interface ScreenPopResult {
  /** The caller's number as E.164, or null when it could not be read as a phone number. */
  e164: string | null;
  /** Every customer with this number; the card is filled when exactly one matched. */
  matches: CustomerSummary[];
  card: CustomerCard | null;
}

export interface AppInfo {
  version: string;
  locale: Language;
  /** Where the customer data comes from: the embedded demo retailer, or a configured one. */
  dataSource: 'demo' | 'retailer';
  /** The retailer API this desktop syncs with (the embedded demo retailer's loopback URL). */
  retailerUrl: string | null;
  customerCount: number;
}

export const ipcHandlers = {
  'app:info': channel<AppInfo>()(z.object({}).strict()),
  'app:setLocale': channel<{ locale: Language }>()(z.object({ locale: language }).strict()),
  'customers:search': channel<SearchResult>()(
    z
      .object({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
  ),
  'customers:screenPop': channel<ScreenPopResult>()(
    z.object({ phone: z.string().trim().min(1).max(40) }).strict(),
  ),
  'customers:card': channel<CustomerCard>()(
    z.object({ customerId: z.string().min(1).max(64) }).strict(),
  ),
  'sync:status': channel<SyncStatus>()(z.object({}).strict()),
  'sync:now': channel<SyncStatus>()(z.object({}).strict()),
  'retailer:connect': channel<{ retailerUrl: string }>()(
    z
      .object({
        retailerUrl: z
          .string()
          .trim()
          .max(2048)
          .refine((u) => /^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u), {
            message: 'use an https:// address (http:// only on this machine)',
          }),
        email: z.string().trim().min(3).max(254),
        password: z.string().min(1).max(200),
      })
      .strict(),
  ),
};

/** Pushes from main to the renderer. */
export interface IpcEvents {
  /** A koe:// link or the menu asks the UI to show something. */
  'app:navigate':
    | { to: 'customer'; customerId: string }
    | { to: 'search'; query: string }
    | { to: 'screenPop'; phone: string };
  'app:localeChanged': { locale: Language };
  'sync:status': SyncStatus;
}

export type IpcChannel = keyof typeof ipcHandlers;
export type IpcEventName = keyof IpcEvents;
export type IpcInput<C extends IpcChannel> = z.input<(typeof ipcHandlers)[C]['input']>;
export type IpcParsedInput<C extends IpcChannel> = z.output<(typeof ipcHandlers)[C]['input']>;
export type IpcOutput<C extends IpcChannel> = (typeof ipcHandlers)[C]['output'];

export const ipcChannels = Object.keys(ipcHandlers) as IpcChannel[];
export const ipcEventNames: readonly IpcEventName[] = [
  'app:navigate',
  'app:localeChanged',
  'sync:status',
];

export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_input'
  | 'not_found'
  | 'database_too_new'
  | 'unavailable'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcHandlers, name);
}

export function isIpcEventName(name: unknown): name is IpcEventName {
  return typeof name === 'string' && (ipcEventNames as readonly string[]).includes(name);
}

/** How a `window.koe` reaches main: Electron IPC in the app, HTTP in the browser harness. */
export interface KoeTransport {
  invoke(channel: IpcChannel, input: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: IpcEventName, listener: (payload: unknown) => void): () => void;
}

/** `window.koe`: one function per contract channel, and `on` for the contract's events. */
export type KoeApi = {
  [C in IpcChannel]: (input: IpcInput<C>) => Promise<IpcResult<IpcOutput<C>>>;
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

/**
 * Builds `window.koe` over a transport. Only contract channels and events exist on it; a name
 * outside the contract is refused before it reaches the transport.
 */
export function createKoeApi(transport: KoeTransport): KoeApi {
  const api: Record<string, unknown> = {};
  for (const name of ipcChannels) {
    api[name] = (input: unknown) => transport.invoke(name, input);
  }
  api.on = (event: unknown, listener: (payload: unknown) => void) => {
    if (!isIpcEventName(event)) throw new Error(`Unknown Koe event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('A Koe event listener must be a function');
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as KoeApi;
}
