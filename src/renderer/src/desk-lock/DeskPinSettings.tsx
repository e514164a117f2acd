import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callKoe } from '../app/koe-call';
import { PinField } from './PinField';
import { useDeskLock } from './use-desk-lock';
import { errorText } from '../app/error-text';

/** Settings: the desk PIN that opens the lock (set once, changed with the current one). */
export function DeskPinSettings() {
  const { t } = useTranslation();
  const lock = useDeskLock();
  const [pin, setPin] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!lock) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await callKoe('lock:setPin', {
      pin,
      currentPin: lock.pinSet ? currentPin : null,
    });
    setPin('');
    setCurrentPin('');
    setMessage(
      result.ok
        ? { ok: true, text: t('deskLock.pinSaved') }
        : { ok: false, text: t('deskLock.pinRefused', { message: errorText(result.error, t) }) },
    );
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('deskLock.setPinDescription', { minutes: lock.idleMinutes })}
        </Text>
        {!lock.pinSet && (
          <Alert color="yellow" data-testid="pin-not-set">
            {t('deskLock.pinNotSet')}
          </Alert>
        )}
        {lock.pinSet && (
          <PinField label={t('deskLock.currentPin')} value={currentPin} onChange={setCurrentPin} />
        )}
        <PinField
          label={t('deskLock.newPin')}
          value={pin}
          onChange={setPin}
          data-testid="new-pin"
        />
        <Group gap="sm">
          <Button type="submit" disabled={!/^\d{6,12}$/.test(pin)} data-testid="save-pin">
            {t('deskLock.savePin')}
          </Button>
          {lock.pinSet && (
            <Button variant="default" onClick={() => void callKoe('lock:lockNow', {})}>
              {t('deskLock.lockNow')}
            </Button>
          )}
        </Group>
        {message && (
          <Text size="sm" c={message.ok ? 'teal' : 'red'} role="status">
            {message.text}
          </Text>
        )}
      </Stack>
    </form>
  );
}
