import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDraft, WrapUpDraft } from '../../../shared/calls/call-draft';
import { initialHarassmentState } from '../../../shared/guidance';
import { callKoe } from '../app/koe-call';
import type { IpcOutput } from '../../../shared/ipc';
import { callerNumber } from '../calls';
import { formatTimeOfDay } from '../i18n/format';
import { WrapUpPanel } from '../wrap-up';

/**
 * What the call itself would give the form, none of which reaches it behind the lock: no customer
 * card (so no likely reason), no script, no harassment incident.
 */
const NOTHING_FROM_THE_CALL = {
  card: null,
  predictedReason: null,
  script: null,
  harassment: null,
} as const;

/** A call's draft with its wrap-up replaced (a call that ended behind the lock has none yet). */
function withWrapUp(draft: CallDraft | undefined, wrapUp: WrapUpDraft): CallDraft {
  return {
    ...(draft ?? {
      harassment: initialHarassmentState(),
      harassmentNote: '',
      supervisorAlerts: [],
      script: null,
    }),
    wrapUp,
  };
}

/**
 * Behind the offline grace's lock the agent still wraps calls up (the promise: the form
 * keeps working, the outbox keeps the record until the retailer is back). The form is the usual
 * one, without the customer card: the core answers `lock:wrapUps` with the waiting calls, their
 * drafts and the taxonomy only.
 */
export function OfflineWrapUps() {
  const { t, i18n } = useTranslation();
  const [answer, setAnswer] = useState<IpcOutput<'lock:wrapUps'> | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [savedCount, setSavedCount] = useState(0);
  // Read again after each save: the saved call no longer waits.
  useEffect(() => {
    let current = true;
    void callKoe('lock:wrapUps', {}).then((result) => {
      if (current && result.ok) setAnswer(result.value);
    });
    return () => {
      current = false;
    };
  }, [savedCount]);
  if (!answer) return null;
  const { waiting, drafts, reference } = answer;
  if (waiting.length === 0 && savedCount === 0) return null;
  const call = waiting.find((c) => c.callId === open) ?? null;
  return (
    <Paper withBorder radius="md" p="md" w="100%" maw={720} data-testid="offline-wrap-ups">
      <Stack gap="sm">
        <Title order={3} fz="md">
          {t('deskLock.offlineWrapUps', { count: waiting.length })}
        </Title>
        {savedCount > 0 && (
          <Text size="sm" c="teal" role="status" data-testid="offline-wrap-up-saved">
            {t('deskLock.offlineWrapUpSaved')}
          </Text>
        )}
        {!call &&
          waiting.map((c) => (
            <Group key={c.callId} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {formatTimeOfDay(c.ringingAt ?? c.answeredAt ?? c.endedAt ?? '', i18n.language)} ·{' '}
                {callerNumber(c) || t('today.withheld')}
              </Text>
              <Button
                size="xs"
                onClick={() => setOpen(c.callId)}
                data-testid="offline-wrap-up-open"
              >
                {t('deskLock.offlineWrapUpOpen')}
              </Button>
            </Group>
          ))}
        {call && (
          <WrapUpPanel
            key={call.callId}
            call={call}
            reference={reference}
            {...NOTHING_FROM_THE_CALL}
            draft={drafts[call.callId]?.wrapUp ?? null}
            onDraft={(wrapUp) =>
              void callKoe('calls:saveDraft', {
                callId: call.callId,
                draft: withWrapUp(drafts[call.callId], wrapUp),
              })
            }
            onSaved={() => {
              setOpen(null);
              setSavedCount((n) => n + 1);
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}
