import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';

/**
 * The admin view's confirmation before an action that cannot be taken back from here (revoking
 * a desk, disabling a user): what will happen, in a sentence, the server's refusal if the action
 * failed, and Cancel / the action. `testId` names the dialog's body (`…-confirm`) and its action
 * button (`…-confirmed`).
 */
export function ConfirmDialog({
  opened,
  title,
  body,
  confirmLabel,
  cancelLabel,
  busy,
  error,
  testId,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  error: IpcError | null;
  testId: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      centered
    >
      {opened && (
        <Stack gap="md" data-testid={`${testId}-confirm`}>
          <Text size="sm">{body}</Text>
          {error && (
            <Alert color="red" role="alert">
              {t(`app.errors.${error.code}`)}
              {error.message ? ` (${error.message})` : ''}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {cancelLabel}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={onConfirm}
              data-testid={`${testId}-confirmed`}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
