import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../shared/ipc';

/**
 * The admin view's confirmation before an action that cannot be taken back from here (revoking
 * a desk, disabling a user), open while `confirmation` has a subject: what will happen to it, in
 * a sentence, the server's refusal if the action failed, and Cancel / the action. `testId` names
 * the dialog's body (`…-confirm`) and its action button (`…-confirmed`).
 */
export function ConfirmDialog<T>({
  confirmation: { subject, error, close },
  title,
  body,
  confirmLabel,
  cancelLabel,
  busy,
  testId,
  onConfirm,
}: {
  confirmation: Confirmation<T>;
  title: string;
  body(subject: T): string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  testId: string;
  onConfirm(subject: T): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={subject !== null}
      onClose={close}
      title={title}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      centered
    >
      {subject !== null && (
        <Stack gap="md" data-testid={`${testId}-confirm`}>
          <Text size="sm">{body(subject)}</Text>
          {error && (
            <Alert color="red" role="alert">
              {t(`app.errors.${error.code}`)}
              {error.message ? ` (${error.message})` : ''}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {cancelLabel}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() => onConfirm(subject)}
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

/**
 * What a panel's confirmation is about: the item it asks about (null: closed) and the server's
 * refusal of the last action. Asking again clears that refusal.
 */
export type Confirmation<T> = ReturnType<typeof useConfirmation<T>>;

export function useConfirmation<T>() {
  const [subject, setSubject] = useState<T | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  return {
    subject,
    error,
    setError,
    ask(item: T) {
      setError(null);
      setSubject(item);
    },
    close: () => setSubject(null),
  };
}
