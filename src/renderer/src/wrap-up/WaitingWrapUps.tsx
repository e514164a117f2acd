import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../shared/calls/call-session';
import type { TodayCall } from '../../../shared/ipc';
import { formatTimeOfDay } from '../i18n/format';
import { callerNumber } from './today-display';

export interface WaitingWrapUpsProps {
  /** Calls ended and waiting for their wrap-up, oldest first. */
  waiting: CallSession[];
  /** Today's lines, for the customer's name where a wrap-up draft or the pop named one. */
  today: TodayCall[];
  onResume(callId: string): void;
}

/**
 * Every call whose wrap-up is not saved yet, with a way back to each: a call that rang during a
 * wrap-up must not make the agent forget the one before it (its draft is kept by the core).
 */
export function WaitingWrapUps({ waiting, today, onResume }: WaitingWrapUpsProps) {
  const { t, i18n } = useTranslation();
  if (waiting.length === 0) return null;
  const locale = i18n.resolvedLanguage ?? 'ja';
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconClipboardList size={20} aria-hidden />}
      title={t('wrapUp.waiting.title', { count: waiting.length })}
      data-testid="waiting-wrap-ups"
    >
      <Stack gap="xs">
        <Text size="sm">{t('wrapUp.waiting.description')}</Text>
        {waiting.map((call) => {
          const line = today.find((c) => c.callId === call.callId);
          const caller = line?.customerName ?? callerNumber(call) ?? t('wrapUp.withheld');
          const time = formatTimeOfDay(call.endedAt ?? call.ringingAt ?? '', locale);
          return (
            <Group key={call.callId} gap="sm" wrap="nowrap" data-call-id={call.callId}>
              <Text size="sm" fw={500} miw={0} style={{ overflowWrap: 'anywhere' }}>
                {caller}
              </Text>
              <Text size="sm" c="dimmed">
                {t('wrapUp.waiting.endedAt', { time })}
              </Text>
              <Button
                size="compact-sm"
                variant="filled"
                color="yellow"
                ml="auto"
                onClick={() => onResume(call.callId)}
                aria-label={t('wrapUp.waiting.resumeLabel', { caller, time })}
              >
                {t('wrapUp.waiting.resume')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}
