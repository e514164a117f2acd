import { Text } from '@mantine/core';
import { IconPhoneCall, IconPhoneX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodayCall } from '../../../shared/ipc';
import { ClosableNotice } from '../app/ClosableNotice';
import { SentenceWithAction } from '../app/SentenceWithAction';
import { formatTimeOfDay } from '../i18n/format';
import { callerNumber, newestFirst } from '../wrap-up';

interface MissedCallNoticeProps {
  today: readonly TodayCall[];
  /** Starts a call to the number (the core refuses while another call is on the line). */
  onCallBack(phone: string): Promise<string | null>;
}

/**
 * The start screen after a call rang out unanswered: who it was and a call-back, so the agent
 * is never left on an empty call screen. Only the newest call, and only until the agent moves on
 * (calls back, closes it, or another call comes).
 */
export function MissedCallNotice({ today, onCallBack }: MissedCallNoticeProps) {
  const { t, i18n } = useTranslation();
  const [closed, setClosed] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [calling, setCalling] = useState(false);
  const newest = newestFirst(today)[0];
  if (!newest || newest.state !== 'missed' || closed === newest.callId) return null;
  const number = callerNumber(newest);
  const callBack = async () => {
    if (!newest.e164 || calling) return;
    setCalling(true);
    setRefusal(await onCallBack(newest.e164));
    setCalling(false);
  };
  return (
    <ClosableNotice
      color="red"
      icon={<IconPhoneX size={20} />}
      title={t('missedCall.title')}
      closeLabel={t('missedCall.close')}
      onClose={() => setClosed(newest.callId)}
      data-testid="missed-call"
    >
      <SentenceWithAction
        wrap="nowrap"
        color="red"
        action={
          newest.e164
            ? {
                label: t('missedCall.callBack'),
                icon: <IconPhoneCall size={16} />,
                loading: calling,
                onClick: () => void callBack(),
              }
            : null
        }
      >
        {t('missedCall.description', {
          time: formatTimeOfDay(newest.startedAt, i18n.resolvedLanguage ?? 'ja'),
          caller: newest.customerName ?? t('missedCall.unknownCaller'),
          number: number ?? t('today.withheld'),
        })}
      </SentenceWithAction>
      {refusal && (
        <Text size="sm" c="red" mt="xs" role="alert">
          {refusal}
        </Text>
      )}
    </ClosableNotice>
  );
}
