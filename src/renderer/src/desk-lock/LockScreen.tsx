import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock, IconPhoneCall } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskLockState } from '../../../shared/desk-lock/desk-lock';
import { Brand } from '../app/Brand';
import { callKoe } from '../app/koe-call';
import { OfflineWrapUps } from './OfflineWrapUps';
import { PinField } from './PinField';

/**
 * What the desk shows while locked: no customer data at all (the app behind it is not even
 * rendered, and the core refuses its reads), whether a call rings, and the PIN field.
 */
export function LockScreen({ lock }: { lock: DeskLockState }) {
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await callKoe('lock:unlock', { pin });
    setBusy(false);
    setPin('');
    setWrong(!result.ok || !result.value.unlocked);
  };
  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  // Held locks (a policy, the offline grace, a revocation) open by their own event: no PIN.
  const pinOpens = lock.cause !== 'policy' && lock.cause !== 'offline' && lock.cause !== 'revoked';
  const retryAt =
    lock.retryAt &&
    new Date(lock.retryAt).toLocaleTimeString(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  return (
    <Center mih="100vh" p="md" data-testid="lock-screen">
      <Stack align="center" gap="md" w="100%">
        <Paper withBorder radius="md" p="xl" maw={420} w="100%">
          <form onSubmit={(e) => void submit(e)}>
            <Stack gap="md">
              <Brand appInfo={null} />
              <Stack gap={4}>
                <Group gap="xs" wrap="nowrap">
                  <IconLock size={22} aria-hidden />
                  <Title order={2} fz="xl">
                    {t(lock.cause === 'revoked' ? 'deskLock.revokedTitle' : 'deskLock.title')}
                  </Title>
                </Group>
                {lock.cause && (
                  <Text size="sm" c="dimmed" data-testid="lock-cause">
                    {lock.cause === 'revoked'
                      ? t(`deskLock.revokedCause.${lock.revoked?.reason ?? 'device_revoked'}`)
                      : t(`deskLock.cause.${lock.cause}`, {
                          minutes: lock.idleMinutes,
                          hours: lock.offline?.graceHours ?? 0,
                          time: lock.offline ? time(lock.offline.lastContactAt) : '',
                        })}
                  </Text>
                )}
                {lock.cause === 'offline' && (
                  <Text size="sm" c="dimmed">
                    {t('deskLock.offlineKept')}
                  </Text>
                )}
                {lock.cause === 'revoked' && lock.revoked && (
                  <Alert
                    color={lock.revoked.unsentWrapUps > 0 ? 'orange' : 'gray'}
                    role="status"
                    data-testid="lock-revoked"
                  >
                    <Stack gap={4}>
                      <Text size="sm">
                        {lock.revoked.erased
                          ? t('deskLock.revokedErased', { time: time(lock.revoked.revokedAt) })
                          : t('deskLock.revokedErasing')}
                      </Text>
                      {lock.revoked.erased && lock.revoked.unsentWrapUps > 0 && (
                        <Text size="sm">
                          {t('deskLock.revokedUnsent', { count: lock.revoked.unsentWrapUps })}
                        </Text>
                      )}
                    </Stack>
                  </Alert>
                )}
                {/* "Enter your PIN" is not true of the locks a PIN does not open. */}
                {pinOpens && (
                  <Text size="sm" c="dimmed">
                    {t('deskLock.description')}
                  </Text>
                )}
              </Stack>
              {lock.call && (
                <Alert
                  color="blue"
                  icon={<IconPhoneCall size={18} aria-hidden />}
                  role="status"
                  data-testid="lock-ringing"
                >
                  {t(lock.call === 'ringing' ? 'deskLock.ringing' : 'deskLock.onCall')}
                </Alert>
              )}
              {/* A policy's lock opens only when a supervisor unlocks it: no PIN to try. */}
              {pinOpens && (
                <>
                  <PinField
                    label={t('deskLock.pin')}
                    value={pin}
                    onChange={setPin}
                    autoFocus
                    error={wrong ? t('deskLock.wrongPin') : undefined}
                    data-testid="lock-pin"
                  />
                  {retryAt && (
                    <Text size="sm" c="red" role="alert">
                      {t('deskLock.retryAt', { time: retryAt })}
                    </Text>
                  )}
                  <Button
                    type="submit"
                    loading={busy}
                    disabled={pin.length === 0}
                    data-testid="unlock"
                  >
                    {t('deskLock.unlock')}
                  </Button>
                </>
              )}
            </Stack>
          </form>
        </Paper>
        {/* Calls are still wrapped up behind the offline grace's lock (and only that lock). */}
        {lock.cause === 'offline' && <OfflineWrapUps />}
      </Stack>
    </Center>
  );
}
