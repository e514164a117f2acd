import {
  Alert,
  Box,
  Button,
  Group,
  Kbd,
  Modal,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPhoneIncoming } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_SHORTCUTS } from '../app/shortcuts';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';

/**
 * A call taken outside the CTI: the agent types the number the softphone shows, and Koe starts
 * the call with it (and pops the caller). `onStartCall` answers with the core's refusal, if any
 * (another call is on the line), which stays in the dialog. Ctrl/⌘+Shift+N opens it from
 * anywhere (N for number; with a modifier, so it also works from a text field); Enter starts the
 * call and Esc closes it.
 */
export function ScreenPopButton({
  onStartCall,
  compact = false,
}: {
  onStartCall(phone: string): Promise<string | null>;
  /**
   * A header with other views to reach (supervisors, trainers, admins) shows the button's words
   * only on a wide screen; its icon, name and keys stay (tooltip, accessible name).
   */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // Once a call started, the call workspace (or its caller chooser) holds the keyboard: closing
  // the dialog must not hand the focus back to this button.
  const [handedOver, setHandedOver] = useState(false);

  const openDialog = () => {
    setHandedOver(false);
    open();
  };
  useHotkeys([[CALL_SHORTCUTS.typedNumber, openDialog, { usePhysicalKeys: true }]], []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = phone.trim();
    if (!trimmed || starting) return;
    setStarting(true);
    const refusal = await onStartCall(trimmed);
    setStarting(false);
    setError(refusal);
    if (refusal !== null) return;
    setPhone('');
    setHandedOver(true);
    close();
  };

  const dismiss = () => {
    setError(null);
    close();
  };

  return (
    <>
      {/* The keys show on the button where the header has room, in its tooltip everywhere. */}
      <Tooltip
        label={
          <Group gap={6} wrap="nowrap">
            <Text size="xs">{t('screenPop.action')}</Text>
            <ShortcutKeys hotkey={CALL_SHORTCUTS.typedNumber} />
          </Group>
        }
      >
        <Button
          variant="light"
          radius="xl"
          px={compact ? 'sm' : undefined}
          leftSection={compact ? undefined : <IconPhoneIncoming size={18} aria-hidden />}
          rightSection={
            <Box component="span" visibleFrom="xl">
              <ShortcutKeys hotkey={CALL_SHORTCUTS.typedNumber} />
            </Box>
          }
          aria-label={t('screenPop.action')}
          aria-keyshortcuts={ariaKeys(CALL_SHORTCUTS.typedNumber)}
          onClick={openDialog}
          data-testid="screen-pop-open"
        >
          {compact ? (
            // The icon alone, centred, on a narrow screen; its words beside it on a wide one.
            <Group gap={8} wrap="nowrap" component="span">
              <IconPhoneIncoming size={18} aria-hidden />
              <Box component="span" visibleFrom="xl">
                {t('screenPop.action')}
              </Box>
            </Group>
          ) : (
            t('screenPop.action')
          )}
        </Button>
      </Tooltip>
      <Modal
        opened={opened}
        onClose={dismiss}
        closeButtonProps={{ 'aria-label': t('app.close') }}
        returnFocus={!handedOver}
        title={t('screenPop.dialogTitle')}
        centered
      >
        <form onSubmit={(event) => void submit(event)}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('call.startDescription')}
            </Text>
            <TextInput
              label={t('screenPop.phoneLabel')}
              placeholder={t('screenPop.phonePlaceholder')}
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              type="tel"
              inputMode="tel"
              maxLength={40}
              autoComplete="off"
              // Focused in the render that shows the dialog: the modal's own focus trap moves
              // focus a timer later, and digits typed right after the shortcut went nowhere.
              autoFocus
              data-autofocus
            />
            {error !== null && (
              <Alert color="red" variant="light" role="alert" title={t('call.startFailed')}>
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={dismiss}
                rightSection={<Kbd size="xs">Esc</Kbd>}
                aria-keyshortcuts="Escape"
              >
                {t('screenPop.cancel')}
              </Button>
              <Button
                type="submit"
                disabled={!phone.trim()}
                loading={starting}
                rightSection={<ShortcutKeys hotkey="enter" />}
                aria-keyshortcuts="Enter"
              >
                {t('screenPop.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
