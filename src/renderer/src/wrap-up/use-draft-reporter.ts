import { useCallback, useEffect, useRef } from 'react';

/** How long typing must pause before the draft goes to the desk (and from there to disk). */
export const DRAFT_DELAY_MS = 300;

/**
 * Reports the latest value `delayMs` after the last change, and at once when the component
 * unmounts (the next call took the screen): the wrap-up form does not re-render the whole call
 * workspace on every keystroke, and no change is left behind when the form goes away.
 */
export function useDraftReporter<T>(
  report: (value: T) => void,
  delayMs = DRAFT_DELAY_MS,
): (value: T) => void {
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reportRef = useRef(report);
  useEffect(() => {
    reportRef.current = report;
  }, [report]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next) reportRef.current(next.value);
  }, []);

  useEffect(() => flush, [flush]);

  return useCallback(
    (value: T) => {
      pending.current = { value };
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );
}
