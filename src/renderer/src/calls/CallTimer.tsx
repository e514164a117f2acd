import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDuration } from './call-display';

/** A running clock from `from` (ISO); stopped at `until` when given. */
export function CallTimer({
  from,
  until,
  label,
}: {
  from: string;
  until?: string | null;
  label: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  const running = !until;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  const end = until ? Date.parse(until) : now;
  return (
    <Text
      component="span"
      fz="lg"
      fw={600}
      className="koe-tabular"
      aria-label={label}
      data-testid="call-timer"
    >
      {formatDuration(end - Date.parse(from))}
    </Text>
  );
}
