import { useEffect, useState } from 'react';
import type { DeskLockState } from '../../../shared/desk-lock/desk-lock';
import { callKoe } from '../app/koe-call';

/** At most one activity report per this many ms: the core needs "recently", not every key. */
const ACTIVITY_EVERY_MS = 15_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * The desk lock as the core holds it (the core decides; this only follows), and the agent's
 * input reported to the core, throttled, so it can tell an idle desk from a busy one.
 */
export function useDeskLock(): DeskLockState | null {
  const [state, setState] = useState<DeskLockState | null>(null);
  useEffect(() => {
    let live = true;
    const off = window.koe.on('lock:changed', (next) => setState(next));
    void callKoe('lock:state', {}).then((result) => {
      if (live && result.ok) setState((seen) => seen ?? result.value);
    });
    let lastReport = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - lastReport < ACTIVITY_EVERY_MS) return;
      lastReport = now;
      void callKoe('lock:activity', {});
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true });
    return () => {
      live = false;
      off();
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput);
    };
  }, []);
  return state;
}
