import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPhoneOutgoing, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutreachEntry } from '../../../shared/outreach/outreach-ranking';
import { ErrorState } from '../app/ErrorState';
import { callKoe } from '../app/koe-call';
import { useKoeQuery } from '../app/use-koe-query';
import { displayName, displayReading, TierBadge } from '../customers';
import { currentLanguage } from '../i18n/i18n';
import { useFormatters } from '../i18n/use-formatters';
import { errorText } from '../app/error-text';

const LIST_INPUT = { limit: 100 };

/**
 * The proactive outreach list: customers whose parcel is late (or expected late) and who have not
 * been told, most important first, each with a Call button. Read each time the view opens, so a
 * customer whose outcome was just recorded is gone.
 */
export function OutreachView() {
  const { t } = useTranslation();
  const list = useKoeQuery('outreach:list', LIST_INPUT);
  const [calling, setCalling] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  /**
   * The phone system is not part of Koe: the call starts here as if the agent's softphone had
   * dialed the customer, and the call workspace opens on it (the desk's `started` event).
   */
  const call = async (entry: OutreachEntry) => {
    if (!entry.phone) return;
    setCalling(entry.customerId);
    setRefusal(null);
    // The list shows the number masked: the core dials the customer's own number.
    const result = await callKoe('calls:start', {
      direction: 'outbound',
      reason: 'proactive',
      customerId: entry.customerId,
      orderId: entry.orderId,
    });
    setCalling(null);
    if (!result.ok) setRefusal(t('outreach.callRefused', { message: errorText(result.error, t) }));
  };

  return (
    <Stack gap="md" maw={1200} mx="auto" data-testid="outreach-view">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} fz="h3">
            <Group gap="xs" component="span">
              <IconTruckDelivery size={24} aria-hidden />
              {t('outreach.title')}
            </Group>
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('outreach.description')}
          </Text>
        </Stack>
        {list.status === 'success' && (
          <Badge size="lg" variant="light" data-testid="outreach-count">
            {t('outreach.count', { count: list.value.entries.length })}
          </Badge>
        )}
      </Group>
      {refusal && (
        <Alert color="red" variant="light" withCloseButton onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      )}
      {list.status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.retry} />
      ) : list.status !== 'success' ? (
        <Group gap="sm" p="md">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t('outreach.loading')}
          </Text>
        </Group>
      ) : list.value.entries.length === 0 ? (
        <EmptyState
          mt="xl"
          variant="light"
          icon={<IconTruckDelivery size={32} />}
          title={t('outreach.empty')}
        />
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" highlightOnHover data-testid="outreach-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outreach.columns.customer')}</Table.Th>
                <Table.Th>{t('outreach.columns.tier')}</Table.Th>
                <Table.Th ta="right">{t('outreach.columns.lifetimeValue')}</Table.Th>
                <Table.Th>{t('outreach.columns.order')}</Table.Th>
                <Table.Th>{t('outreach.columns.delay')}</Table.Th>
                <Table.Th aria-label={t('outreach.call')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.value.entries.map((entry) => (
                <OutreachRow
                  key={entry.customerId}
                  entry={entry}
                  calling={calling === entry.customerId}
                  disabled={calling !== null}
                  onCall={() => void call(entry)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function OutreachRow({
  entry,
  calling,
  disabled,
  onCall,
}: {
  entry: OutreachEntry;
  calling: boolean;
  disabled: boolean;
  onCall(): void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = displayName(entry);
  return (
    <Table.Tr data-testid="outreach-row" data-customer-id={entry.customerId}>
      <Table.Td>
        <Stack gap={0}>
          <Text fw={600} size="sm" lang={entry.language}>
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {displayReading(entry, currentLanguage())}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <TierBadge tier={entry.tier} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{format.money(entry.lifetimeValue, entry.currency)}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" ff="monospace">
            {entry.orderNumber}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`carrier.${entry.carrier}`)}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={4}>
            {entry.daysLate > 0 && (
              <Badge color="red" variant="light">
                {t('outreach.daysLate', { count: entry.daysLate })}
              </Badge>
            )}
            {entry.daysLate === 0 && entry.expectedDaysLate > 0 && (
              <Badge color="orange" variant="light">
                {t('outreach.expectedLate', { count: entry.expectedDaysLate })}
              </Badge>
            )}
            {entry.carrierDelayed && (
              <Badge color="gray" variant="light">
                {t('outreach.carrierDelayed')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('outreach.promised', { date: format.calendarDate(entry.promisedDate) })}
            {entry.carrierEstimatedDate
              ? ` · ${t('outreach.estimated', { date: format.calendarDate(entry.carrierEstimatedDate) })}`
              : ''}
          </Text>
          {/* Labelled as on the card: the carrier's date, and Koe's when it differs. */}
          {entry.estimatedDate && entry.estimatedDate !== entry.carrierEstimatedDate && (
            <Text size="xs" c="dimmed" data-testid="outreach-koe-estimate">
              {t('outreach.koeEstimate', { date: format.calendarDate(entry.estimatedDate) })}
            </Text>
          )}
          <Text size="xs" c="orange.8">
            {t('outreach.notToldHint')}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        <Button
          size="xs"
          leftSection={<IconPhoneOutgoing size={14} aria-hidden />}
          onClick={onCall}
          loading={calling}
          disabled={disabled || entry.phone === null}
          aria-label={t('outreach.callTitle', { name })}
          data-testid="outreach-call"
        >
          {entry.phone === null ? t('outreach.noPhone') : t('outreach.call')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
