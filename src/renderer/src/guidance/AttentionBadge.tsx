import { Badge } from '@mantine/core';
import type { Icon as TablerIcon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * What the agent must not miss on a step or an action (a compliance step, an action that
 * escalates): filled orange, with its icon.
 */
export function AttentionBadge({
  icon: Icon,
  children,
}: {
  icon: TablerIcon;
  children: ReactNode;
}) {
  return (
    <Badge color="orange" variant="filled" leftSection={<Icon size={12} aria-hidden />}>
      {children}
    </Badge>
  );
}
