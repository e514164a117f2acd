import { Code, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyValueButton } from '../app/CopyValueButton';
import { IconButton } from '../app/IconButton';
import { OutcomeAlert } from '../app/OutcomeAlert';
import { useKoeQuery } from '../app/use-koe-query';

/**
 * What a softphone or telephony connector needs to tell Koe about calls: the CTI bridge's
 * loopback address and this install's token (masked until asked for; it is a credential).
 */
export function CtiConnection() {
  const { t } = useTranslation();
  const info = useKoeQuery('cti:info', {});
  const [showToken, setShowToken] = useState(false);
  if (info.status === 'loading' || info.status === 'idle') return null;
  if (info.status === 'error' || !info.value)
    return (
      <Text size="sm" c="dimmed">
        {t('settings.cti.unavailable')}
      </Text>
    );
  const { url, wsUrl, token, port, wantedPort } = info.value;
  return (
    <Stack gap="xs" data-testid="cti-connection">
      {wantedPort !== null && (
        <OutcomeAlert
          outcome="failure"
          iconSize={18}
          title={t('settings.cti.portTakenTitle', { wanted: wantedPort })}
          data-testid="cti-port-taken"
        >
          {t('settings.cti.portTaken', { wanted: wantedPort, port })}
        </OutcomeAlert>
      )}
      <Row label={t('settings.cti.port')} value={String(port)} />
      <Row label={t('settings.cti.httpUrl')} value={`${url}/v1/call-events`} />
      <Row label={t('settings.cti.wsUrl')} value={wsUrl} />
      <Row
        label={t('settings.cti.token')}
        value={token}
        shown={showToken ? token : '•'.repeat(12)}
        extra={
          <IconButton
            label={showToken ? t('settings.cti.hideToken') : t('settings.cti.showToken')}
            variant="subtle"
            color="gray"
            size="sm"
            aria-pressed={showToken}
            onClick={() => setShowToken((s) => !s)}
          >
            {showToken ? <IconEyeOff size={16} /> : <IconEye size={16} />}
          </IconButton>
        }
      />
      <Text size="xs" c="dimmed">
        {wantedPort === null && `${t('settings.cti.portKept')} `}
        {t('settings.cti.help')}
      </Text>
    </Stack>
  );
}

function Row(props: { label: string; value: string; shown?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" fw={500} style={{ flexShrink: 0 }}>
        {props.label}
      </Text>
      <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
        <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {props.shown ?? props.value}
        </Code>
        {props.extra}
        <CopyValueButton value={props.value} label={`${t('app.copy')}: ${props.label}`} />
      </Group>
    </Group>
  );
}
