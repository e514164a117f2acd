/**
 * Browser code, bundled by esbuild when the harness starts and served as /koe-bridge.js.
 *
 * It defines `window.koe` over HTTP so the built renderer runs in a plain browser against the
 * real core (same contract, same validation). It exists ONLY for the browser harness (preview
 * and e2e tests); the Electron app never loads it: there, the preload builds `window.koe` over
 * Electron IPC with the same createKoeApi.
 */
import {
  createKoeApi,
  type IpcEventName,
  type IpcResult,
  type KoeApi,
  type KoeTransport,
} from '../shared/ipc';

// This file is type-checked with the Node tsconfig (no DOM lib, which would leak browser globals
// into core code); these are the few browser APIs it uses.
interface BridgeMessageEvent {
  data: string;
}
interface BridgeEventSource {
  addEventListener(type: string, listener: (event: BridgeMessageEvent) => void): void;
  removeEventListener(type: string, listener: (event: BridgeMessageEvent) => void): void;
}
declare const EventSource: new (url: string) => BridgeEventSource;

let events: BridgeEventSource | null = null;

const httpTransport: KoeTransport = {
  async invoke(channel, input) {
    try {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as IpcResult<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: `The Koe harness did not answer: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
  },
  subscribe(event: IpcEventName, listener: (payload: unknown) => void) {
    // One stream for all events, opened on first use; EventSource reconnects by itself.
    events ??= new EventSource('/events');
    const onMessage = (message: BridgeMessageEvent) => listener(JSON.parse(message.data));
    events.addEventListener(event, onMessage);
    return () => events?.removeEventListener(event, onMessage);
  },
};

(globalThis as unknown as { koe: KoeApi }).koe = createKoeApi(httpTransport);
