import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionProps {
  title: string;
  icon: ReactNode;
  count: number;
  emptyText: string;
  children: ReactNode;
}

/** One titled part of the customer card; says so plainly when it has nothing to show. */
export function Section({ title, icon, count, emptyText, children }: SectionProps) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Title order={3} fz="md">
            {title}
          </Title>
          {count > 0 && (
            <Badge size="sm" variant="default" circle>
              {count}
            </Badge>
          )}
        </Group>
        {count > 0 ? (
          children
        ) : (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** A small label over its value, for the identity panel and shipment facts. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // minWidth 0: a long value shrinks to its column (and ends in an ellipsis) instead of widening it.
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
