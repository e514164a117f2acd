import { Button, Group, Text, type GroupProps, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

export interface NoticeAction {
  label: string;
  onClick(): void;
  icon?: ReactNode;
  loading?: boolean;
}

/**
 * A notice's sentence with the one thing to do about it at the row's end (set a PIN, retry the
 * alert, call back), in the one look such actions have: a compact button in the notice's color.
 * `action` null: the sentence alone (nothing to do, e.g. a withheld number to call back).
 */
export function SentenceWithAction({
  children,
  action,
  color,
  ...group
}: { children: ReactNode; action: NoticeAction | null; color: MantineColor } & Omit<
  GroupProps,
  'children' | 'color'
>) {
  return (
    <Group justify="space-between" gap="sm" {...group}>
      <Text size="sm">{children}</Text>
      {action && (
        <Button
          size="compact-sm"
          variant="light"
          color={color}
          leftSection={action.icon}
          loading={action.loading}
          onClick={action.onClick}
        >
          {action.label}
        </Button>
      )}
    </Group>
  );
}
