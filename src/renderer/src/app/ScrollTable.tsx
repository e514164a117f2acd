import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways below `minWidth` rather than squeezing its columns: the heading
 * cells (`head`) over the rows given as children. The table's look (striped, spacing) is the
 * caller's.
 */
export function ScrollTable({
  minWidth,
  head,
  children,
  ...table
}: { minWidth: number; head: ReactNode; children: ReactNode } & Omit<TableProps, 'children'>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
