import {
  Badge,
  Button,
  Group,
  Stack,
  Table,
  Text,
  Title,
  type ButtonProps,
  type TableProps,
} from '@mantine/core';
import { IconRefresh, type Icon } from '@tabler/icons-react';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { useFormatters } from '../i18n/use-formatters';

/**
 * An admin list as a table: its column headings (and a last, unnamed column for the row's
 * action) over the rows given as children. The table's look (striped, spacing) is the panel's.
 */
export function AdminTable({
  columns,
  children,
  ...table
}: { columns: string[]; children: ReactNode } & Omit<TableProps, 'children'>) {
  return (
    <Table withTableBorder fz="sm" {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column}>{column}</Table.Th>
          ))}
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

/** An admin panel's title and what it is for, with a button that reads the list again. */
export function AdminPanelHead({
  title,
  children,
  reloadLabel,
  onReload,
}: {
  title: string;
  /** The description's lines, each dimmed. */
  children: ReactNode;
  reloadLabel: string;
  onReload: () => void;
}) {
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={2} maw={760}>
        <Title order={3}>{title}</Title>
        {children}
      </Stack>
      <AdminAction variant="default" icon={IconRefresh} onClick={onReload}>
        {reloadLabel}
      </AdminAction>
    </Group>
  );
}

/** An admin panel's or row's action: a small button led by its icon. */
export function AdminAction({
  icon: ActionIcon,
  ...button
}: { icon: Icon } & ButtonProps & Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps>) {
  return <Button size="xs" leftSection={<ActionIcon size={14} />} {...button} />;
}

/** One dimmed line of an admin panel's description. */
export function AdminNote({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** An admin panel's (or section's) title over its description, kept to a readable width. */
export function AdminTitle({ title, description }: { title: string; description: string }) {
  return (
    <>
      <Title order={3}>{title}</Title>
      <Text size="sm" c="dimmed" maw={760}>
        {description}
      </Text>
    </>
  );
}

/**
 * A row's state: stopped since a moment (a user disabled, a release halted), in red with that
 * moment, or in force, in teal.
 */
export function StateBadge({
  stoppedAt,
  stoppedLabel,
  activeLabel,
}: {
  stoppedAt: string | null;
  stoppedLabel: (date: string) => string;
  activeLabel: string;
}) {
  const format = useFormatters();
  return (
    <Badge color={stoppedAt ? 'red' : 'teal'} variant="light">
      {stoppedAt ? stoppedLabel(format.dateTime(stoppedAt)) : activeLabel}
    </Badge>
  );
}
