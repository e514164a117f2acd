import {
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonLabel } from '../../../shared/guidance';
import type { TodayCall } from '../../../shared/ipc';
import { useGuidanceReference } from '../guidance';
import { formatTimeOfDay } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import {
  callerNumber,
  isEditable,
  newestFirst,
  nextEditDeadline,
  todayCallStatus,
  type TodayCallStatus,
} from './today-display';
import { dismissSaved, useRecentSave } from './recent-save';
import { WrapUpSavedView } from './WrapUpSavedView';
import { ScrollTable } from '../app/ScrollTable';

export interface TodayCallsProps {
  today: TodayCall[];
  /** Opens a saved wrap-up for correction (only offered while it is editable). */
  onEdit(callId: string): void;
}

/** How long the confirmation of a save stays above the list (it can be closed sooner). */
const SAVED_NOTICE_MS = 120_000;

const STATUS_COLORS: Record<TodayCallStatus, string> = {
  pending: 'yellow',
  delivered: 'teal',
  refused: 'red',
  missed: 'red',
  wrapUp: 'yellow',
  onCall: 'blue',
};

/**
 * "My calls today": each call with its time, number, customer, primary reason, resolution and
 * state, newest first; a saved wrap-up offers Edit while its correction window is open.
 */
export function TodayCalls({ today, onEdit }: TodayCallsProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'ja';
  const language = currentLanguage();
  // The reasons' labels; until they arrive a reason shows as its code.
  const reference = useGuidanceReference();
  const taxonomy = reference.status === 'success' ? reference.value.taxonomy : undefined;
  const now = useNowUntilNextDeadline(today);
  const recent = useRecentSave();
  useEffect(() => {
    if (!recent) return;
    const timer = window.setTimeout(dismissSaved, SAVED_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [recent]);
  const savedNotice = recent && (
    <WrapUpSavedView
      result={recent}
      taxonomy={taxonomy}
      takeFocus={false}
      onDismiss={dismissSaved}
      {...(recent.record.callId &&
      today.some((c) => c.callId === recent.record.callId && isEditable(c, now))
        ? { onCorrect: () => onEdit(recent.record.callId as string) }
        : {})}
    />
  );

  return (
    <Stack gap="sm">
      {savedNotice}
      <Paper withBorder p="md" component="section" aria-label={t('today.title')}>
        <Stack gap="sm">
          <Group gap="xs">
            <Title order={3} fz="md">
              {t('today.title')}
            </Title>
            <Badge variant="default" size="sm">
              {t('today.count', { count: today.length })}
            </Badge>
          </Group>
          {today.length === 0 ? (
            <Stack gap={2} data-testid="today-calls-empty">
              <Text size="sm" fw={500}>
                {t('today.emptyTitle')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('today.emptyDescription')}
              </Text>
            </Stack>
          ) : (
            <ScrollTable
              minWidth={760}
              verticalSpacing={6}
              highlightOnHover
              aria-label={t('today.listLabel')}
              data-testid="today-calls"
              head={
                <>
                  <Table.Th>{t('today.time')}</Table.Th>
                  <Table.Th>{t('today.caller')}</Table.Th>
                  <Table.Th>{t('today.customer')}</Table.Th>
                  <Table.Th>{t('today.reason')}</Table.Th>
                  <Table.Th>{t('today.resolution')}</Table.Th>
                  <Table.Th>{t('today.status')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('today.actions')}</VisuallyHidden>
                  </Table.Th>
                </>
              }
            >
              {newestFirst(today).map((call) => {
                const status = todayCallStatus(call);
                const time = formatTimeOfDay(call.startedAt, locale);
                return (
                  <Table.Tr
                    key={call.callId}
                    data-call-id={call.callId}
                    data-status={status}
                    data-testid="today-call"
                  >
                    <Table.Td className="koe-tabular">{time}</Table.Td>
                    <Table.Td className="koe-tabular">
                      {callerNumber(call) ?? (
                        <Text span size="sm" c="dimmed">
                          {t('today.withheld')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {call.customerName ?? (
                        <Text span size="sm" c="dimmed">
                          {t('today.unknownCustomer')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {call.wrapUp
                        ? reasonLabel(call.wrapUp.primaryReason, language, taxonomy)
                        : t('today.noReason')}
                    </Table.Td>
                    <Table.Td>
                      {call.wrapUp
                        ? t(`wrapUp.resolution.${call.wrapUp.resolution}`)
                        : t('today.noReason')}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={STATUS_COLORS[status]}
                        variant={status === 'refused' ? 'filled' : 'light'}
                        tt="none"
                      >
                        {t(`today.state.${status}`)}
                      </Badge>
                      {call.wrapUp?.delivery.state === 'refused' && (
                        <Text size="xs" c="red" mt={2} data-testid="today-call-refusal">
                          {t(`sync.refusal.${call.wrapUp.delivery.reason}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {isEditable(call, now) && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          aria-label={t('today.editLabel', { time })}
                          onClick={() => onEdit(call.callId)}
                          data-testid="today-call-edit"
                        >
                          {t('today.edit')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </ScrollTable>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The current time, refreshed when the next Edit button must disappear. */
function useNowUntilNextDeadline(today: readonly TodayCall[]): number {
  const [now, setNow] = useState(() => Date.now());
  const deadline = nextEditDeadline(today, now);
  useEffect(() => {
    if (deadline === null) return;
    // setTimeout's delay is a 32-bit int; a window longer than ~24 days just re-arms.
    const delay = Math.min(2 ** 31 - 1, Math.max(0, deadline - Date.now()) + 50);
    const timer = window.setTimeout(() => setNow(Date.now()), delay);
    return () => window.clearTimeout(timer);
  }, [deadline]);
  return now;
}
