import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';
import type { AccessKind, AccessList } from '../../../shared/protocol/access-audit';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';
import { useFormatters } from '../i18n/use-formatters';

const KINDS: AccessKind[] = [
  'pii_revealed',
  'customer_opened',
  'search',
  'export',
  'studio_published',
  'supervisor_alerted',
];
const WINDOWS = ['1', '8', '24', '168'] as const;

/**
 * Who touched which customer: the retailer's access audit for the supervisor's center (or the
 * tenant, for a retailer admin), filtered by agent, customer, kind and time. Read from the
 * retailer, never from this desk's own table: what is shown is what the retailer holds.
 */
export function AccessAuditPanel() {
  const { t } = useTranslation();
  const f = useFormatters();
  const [agentId, setAgentId] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [hours, setHours] = useState<string>('24');
  const [list, setList] = useState<AccessList | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const read = useCallback(async () => {
    const result = await callKoe('audit:list', {
      ...(agentId.trim() ? { agentId: agentId.trim() } : {}),
      ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      ...(kind ? { kind: kind as AccessKind } : {}),
      from: new Date(Date.now() - Number(hours) * 3_600_000).toISOString(),
    });
    if (result.ok) {
      setList(result.value);
      setError(null);
    } else setError(result.error);
  }, [agentId, customerId, kind, hours]);

  // Read once on open (a tick later: the state is set by the answer, not in the effect); the
  // filters apply with the button.
  const [first] = useState(() => read);
  useEffect(() => {
    const timer = setTimeout(() => void first(), 0);
    return () => clearTimeout(timer);
  }, [first]);

  return (
    <Paper withBorder p="md" component="section" aria-label={t('floor.audit.title')}>
      <Stack gap="sm">
        <Title order={3} fz="md">
          {t('floor.audit.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('floor.audit.description')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void read();
          }}
        >
          <Group align="end" gap="sm">
            <TextInput
              label={t('floor.audit.agent')}
              value={agentId}
              onChange={(e) => setAgentId(e.currentTarget.value)}
              data-testid="audit-agent"
            />
            <TextInput
              label={t('floor.audit.customer')}
              value={customerId}
              onChange={(e) => setCustomerId(e.currentTarget.value)}
              data-testid="audit-customer"
            />
            <Select
              label={t('floor.audit.kind')}
              clearable
              placeholder={t('floor.audit.anyKind')}
              value={kind}
              onChange={setKind}
              data={KINDS.map((k) => ({ value: k, label: t(`floor.audit.kinds.${k}`) }))}
              data-testid="audit-kind"
            />
            <Select
              label={t('floor.audit.since')}
              value={hours}
              onChange={(v) => setHours(v ?? '24')}
              allowDeselect={false}
              data={WINDOWS.map((h) => ({
                value: h,
                label: t('floor.audit.lastHours', { hours: h }),
              }))}
            />
            <Button type="submit" data-testid="audit-apply">
              {t('floor.audit.apply')}
            </Button>
          </Group>
        </form>
        {error && <ErrorState title={t('floor.audit.loadFailed')} error={error} />}
        {list && list.conflicts > 0 && (
          <Alert color="orange" data-testid="audit-conflicts">
            {t('floor.audit.conflicts', { count: list.conflicts })}
          </Alert>
        )}
        {list && list.entries.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('floor.audit.empty')}
          </Text>
        )}
        {list && list.entries.length > 0 && (
          <Table striped verticalSpacing={4} data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('floor.audit.at')}</Table.Th>
                <Table.Th>{t('floor.audit.agent')}</Table.Th>
                <Table.Th>{t('floor.audit.kind')}</Table.Th>
                <Table.Th>{t('floor.audit.customer')}</Table.Th>
                <Table.Th>{t('floor.audit.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.entries.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row" data-kind={e.kind}>
                  <Table.Td>{f.dateTime(e.at)}</Table.Td>
                  <Table.Td>{e.agentId}</Table.Td>
                  <Table.Td>{t(`floor.audit.kinds.${e.kind}`)}</Table.Td>
                  <Table.Td>{e.customerId ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" truncate maw={280}>
                      {Object.entries(e.detail)
                        .map(([k, v]) => `${k}=${String(v)}`)
                        .join(' ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
