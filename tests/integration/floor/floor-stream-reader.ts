import {
  floorLiveEvent,
  type FloorLiveEvent,
} from '../../../src/shared/protocol/supervisor-alerts';

/**
 * A reader of the server's event stream that keeps its `event: floor` messages and resolves a
 * wait as soon as the awaited one arrives (no sleeping), or fails after `ms` with what it saw.
 */
export interface FloorStream {
  /** Resolves with the first floor event (from the start of the stream) that matches. */
  next(match: (event: FloorLiveEvent) => boolean, ms?: number): Promise<FloorLiveEvent>;
  events(): FloorLiveEvent[];
  close(): void;
}

export async function openFloorStream(baseUrl: string, token: string): Promise<FloorStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`event stream: ${response.status}`);
  const seen: FloorLiveEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        if (buffer.includes(': connected')) opened();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: floor\ndata: (.*)$/m.exec(message)?.[1];
          if (!data) continue;
          seen.push(floorLiveEvent.parse(JSON.parse(data)));
          for (const wake of [...waiters]) wake();
        }
      }
    } catch {
      // aborted
    }
  })();
  await open;
  return {
    next(match, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching floor event in ${ms} ms; saw ${JSON.stringify(seen)}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    events: () => [...seen],
    close: () => controller.abort(),
  };
}
