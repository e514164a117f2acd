import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPhoneIncoming } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Manual screen pop: the agent types the number the softphone shows (until CTI pops it). */
export function ScreenPopButton({ onScreenPop }: { onScreenPop(phone: string): void }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [phone, setPhone] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = phone.trim();
    if (!trimmed) return;
    onScreenPop(trimmed);
    setPhone('');
    close();
  };

  return (
    <>
      <Button
        variant="light"
        radius="xl"
        leftSection={<IconPhoneIncoming size={18} aria-hidden />}
        onClick={open}
      >
        {t('screenPop.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('screenPop.dialogTitle')} centered>
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('screenPop.phoneLabel')}
              placeholder={t('screenPop.phonePlaceholder')}
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              type="tel"
              inputMode="tel"
              maxLength={40}
              autoComplete="off"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('screenPop.cancel')}
              </Button>
              <Button type="submit" disabled={!phone.trim()}>
                {t('screenPop.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
