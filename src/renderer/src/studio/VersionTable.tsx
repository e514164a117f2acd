import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VersionInfo } from '../../../shared/protocol/authoring-wire';

interface VersionTableProps {
  /** Newest first. */
  versions: readonly VersionInfo[];
  /** The version agents have now. */
  current: number | null;
  picked: number | null;
  onPick(version: number): void;
  onRollback(version: number): void;
}

/**
 * Every published version of a script or an answer, newest first, with who published it and
 * its notes; each can be compared with the edit or published again (a rollback).
 */
export function VersionTable({ versions, current, picked, onPick, onRollback }: VersionTableProps) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) =>
    new Date(iso).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-US' : 'ja-JP');
  return (
    <Table striped highlightOnHover data-testid="version-history">
      <Table.Tbody>
        {versions.map((v) => (
          <Table.Tr key={v.version} data-testid={`version-${v.version}`}>
            <Table.Td w={60}>
              <Badge variant={v.version === current ? 'filled' : 'light'}>v{v.version}</Badge>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.releaseNotes}
              </Text>
              <Text fz="xs" c="dimmed">
                {t('studio.history.publishedBy', {
                  who: v.publishedBy ?? t('studio.history.retailerSystem'),
                  at: at(v.publishedAt),
                })}
                {v.rollbackOf !== null &&
                  ` · ${t('studio.history.rollbackOf', { version: v.rollbackOf })}`}
              </Text>
            </Table.Td>
            <Table.Td w={220}>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="compact-xs"
                  variant={picked === v.version ? 'filled' : 'light'}
                  onClick={() => onPick(v.version)}
                  data-testid={`compare-${v.version}`}
                >
                  {t('studio.history.compareWith')}
                </Button>
                {v.version === current ? (
                  // Rolling back to what agents already have would only duplicate it.
                  <Tooltip label={t('studio.history.currentHint')}>
                    <Text fz="xs" c="dimmed" px="xs" data-testid={`current-${v.version}`}>
                      {t('studio.history.current')}
                    </Text>
                  </Tooltip>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconArrowBackUp size={14} />}
                    onClick={() => onRollback(v.version)}
                    data-testid={`rollback-${v.version}`}
                  >
                    {t('studio.history.rollback')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
