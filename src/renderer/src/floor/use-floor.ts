import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../shared/ipc';
import type {
  AcknowledgeResponse,
  FloorAlert,
  FloorSummary,
} from '../../../shared/protocol/supervisor-alerts';
import { callKoe } from '../app/koe-call';

export interface FloorState {
  summary: FloorSummary | null;
  alerts: FloorAlert[];
  error: IpcError | null;
  /** The retailer's answer to the last "taking it", by alert id. */
  taken: Record<string, AcknowledgeResponse>;
}

/** Figures re-read at most this often while agents' states stream in. */
const SUMMARY_DEBOUNCE_MS = 1_000;
/** And at least this often (today's figures move with saved wrap-ups too). */
const SUMMARY_REFRESH_MS = 30_000;

/**
 * The live floor: the summary and alerts read from the retailer, then kept current by the
 * floor events the desk hears on its live stream (an agent's state, an alert's stage).
 */
export function useFloor() {
  const [state, setState] = useState<FloorState>({
    summary: null,
    alerts: [],
    error: null,
    taken: {},
  });
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const readSummary = useCallback(async () => {
    const result = await callKoe('floor:summary', {});
    setState((s) =>
      result.ok ? { ...s, summary: result.value, error: null } : { ...s, error: result.error },
    );
  }, []);
  const readAlerts = useCallback(async () => {
    const result = await callKoe('floor:alerts', {});
    if (result.ok) setState((s) => ({ ...s, alerts: mergeAlerts(result.value.alerts, s.alerts) }));
    else setState((s) => ({ ...s, error: result.error }));
  }, []);
  const reload = useCallback(() => {
    void readSummary();
    void readAlerts();
  }, [readSummary, readAlerts]);

  useEffect(() => {
    // The first read waits a tick: the state is set by the answers, not in the effect.
    const first = setTimeout(reload, 0);
    const every = setInterval(() => void readSummary(), SUMMARY_REFRESH_MS);
    const off = window.koe.on('floor:event', (event) => {
      if (event.type === 'alert') {
        setState((s) => ({ ...s, alerts: mergeAlerts([event.alert], s.alerts) }));
        return;
      }
      setState((s) =>
        s.summary
          ? {
              ...s,
              summary: {
                ...s.summary,
                agents: upsert(s.summary.agents, event.agent, (a) => a.agentId),
                waitingWrapUps: upsert(s.summary.agents, event.agent, (a) => a.agentId).filter(
                  (a) => a.status === 'after_call_work',
                ).length,
              },
            }
          : s,
      );
      // A wrap-up saved moves the day's figures: read them again, once per burst.
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void readSummary(), SUMMARY_DEBOUNCE_MS);
    });
    return () => {
      off();
      clearTimeout(first);
      clearInterval(every);
      if (debounce.current) clearTimeout(debounce.current);
    };
  }, [reload, readSummary]);

  const acknowledge = useCallback(async (alertId: string) => {
    const result = await callKoe('floor:acknowledge', { alertId });
    if (!result.ok) {
      setState((s) => ({ ...s, error: result.error }));
      return;
    }
    setState((s) => ({
      ...s,
      alerts: mergeAlerts([result.value.alert], s.alerts),
      taken: { ...s.taken, [alertId]: result.value },
    }));
  }, []);

  return { ...state, reload, acknowledge };
}

/** Newer knowledge of an alert replaces older (more stages = newer); newest raised first. */
function mergeAlerts(incoming: FloorAlert[], current: FloorAlert[]): FloorAlert[] {
  const byId = new Map(current.map((a) => [a.id, a]));
  for (const alert of incoming) {
    const known = byId.get(alert.id);
    if (!known || alert.stages.length >= known.stages.length) byId.set(alert.id, alert);
  }
  return [...byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

function upsert<T>(list: T[], item: T, key: (t: T) => string): T[] {
  const i = list.findIndex((x) => key(x) === key(item));
  if (i < 0) return [...list, item];
  const next = [...list];
  next[i] = item;
  return next;
}
