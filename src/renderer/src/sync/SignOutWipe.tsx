import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, SignOutResult } from '../../../shared/ipc';
import { callKoe } from '../app/koe-call';

type Outcome = { kind: 'done'; result: SignOutResult } | { kind: 'failed'; error: IpcError };

/**
 * Sign-out with wipe (`retailer:signOut`): the agent leaves this PC without customer data on it.
 * Two steps, since it cannot be undone; the message says what the core reports it did.
 */
export function SignOutWipe() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const wipe = async () => {
    setWorking(true);
    const answer = await callKoe('retailer:signOut', { wipe: true });
    setWorking(false);
    setConfirming(false);
    setOutcome(
      answer.ok ? { kind: 'done', result: answer.value } : { kind: 'failed', error: answer.error },
    );
  };

  return (
    <Stack gap="sm" data-testid="sign-out-wipe">
      {confirming ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('settings.erase.confirm')}
          </Text>
          <Group gap="sm">
            <Button
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={working}
              onClick={() => void wipe()}
            >
              {t('settings.erase.confirmButton')}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)} disabled={working}>
              {t('settings.erase.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group>
          <Button
            variant="light"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => {
              setOutcome(null);
              setConfirming(true);
            }}
          >
            {t('settings.erase.button')}
          </Button>
        </Group>
      )}
      {outcome?.kind === 'done' && (
        <Alert color="green" icon={<IconCircleCheck size={18} />} data-testid="sign-out-wipe-done">
          {outcome.result.scrubbed ? t('settings.erase.done') : t('settings.erase.doneScrubLater')}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {outcome.error.code === 'conflict'
            ? t('settings.erase.duringCall')
            : t('settings.erase.failed', { message: outcome.error.message })}
        </Alert>
      )}
    </Stack>
  );
}
