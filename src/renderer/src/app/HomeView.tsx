import { Divider, EmptyState, Group, Kbd, Stack, Text } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../../shared/calls/call-session';
import type { AppInfo, TodayCall } from '../../../shared/ipc';
import { MissedCallNotice } from '../calls';
import { modifierKeyLabel } from './shortcut-labels';
import { OutreachEntryPoint } from '../outreach';
import { TodayCalls, WaitingWrapUps } from '../wrap-up';

interface HomeViewProps {
  appInfo: AppInfo | null;
  /** "My calls today", newest first. */
  today: TodayCall[];
  /** Calls waiting for their wrap-up, oldest first. */
  waiting: CallSession[];
  onResumeWrapUp(callId: string): void;
  onEditWrapUp(callId: string): void;
  /** Opens the proactive outreach list. */
  onOpenOutreach?(): void;
  /** Calls a number back (a missed call); answers with the core's refusal, if any. */
  onCallBack?(phone: string): Promise<string | null>;
}

/** Between calls: what the agent can do and the keys to do it, then "my calls today". */
export function HomeView({
  appInfo,
  today,
  waiting,
  onResumeWrapUp,
  onEditWrapUp,
  onOpenOutreach,
  onCallBack,
}: HomeViewProps) {
  return (
    <Stack gap="lg" maw={1100} mx="auto">
      <WaitingWrapUps waiting={waiting} today={today} onResume={onResumeWrapUp} />
      {onCallBack && <MissedCallNotice today={today} onCallBack={onCallBack} />}
      <Welcome appInfo={appInfo} compact={today.length > 0} />
      {onOpenOutreach && <OutreachEntryPoint onOpen={onOpenOutreach} />}
      <TodayCalls today={today} onEdit={onEditWrapUp} />
    </Stack>
  );
}

function Welcome({ appInfo, compact }: { appInfo: AppInfo | null; compact: boolean }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt={compact ? 'md' : 80}
      size="lg"
      variant="light"
      icon={<IconHeadset size={40} />}
      title={t('home.title')}
      description={t('home.description')}
      maw={640}
      mx="auto"
    >
      <EmptyState.Actions>
        <Stack gap="xs" align="center">
          <Group gap="xs">
            <Kbd>/</Kbd>
            <Divider orientation="vertical" />
            <Kbd>{modifierKeyLabel()}</Kbd>
            <Kbd>K</Kbd>
            <Text size="sm" c="dimmed">
              {t('home.searchHint')}
            </Text>
          </Group>
          {appInfo && (
            <Text size="xs" c="dimmed">
              {t('app.customerCount', { count: appInfo.customerCount })}
            </Text>
          )}
        </Stack>
      </EmptyState.Actions>
    </EmptyState>
  );
}
