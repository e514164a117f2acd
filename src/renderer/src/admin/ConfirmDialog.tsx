import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../shared/ipc';
import { ErrorState } from '../app/ErrorState';

/**
 * The admin view's confirmation before an action that cannot be taken back from here (revoking
 * a desk, disabling a user), open while `confirmation` has a subject: what will happen to it, in
 * a sentence, the server's refusal if the action failed, and Cancel / the action (busy while
 * `confirmation.take` waits for the server). `testId` names
 * the dialog's body (`…-confirm`) and its action button (`…-confirmed`).
 */
export function ConfirmDialog<T>({
  confirmation: { subject, error, busy, close },
  title,
  body,
  confirmLabel,
  cancelLabel,
  testId,
  onConfirm,
}: {
  confirmation: Confirmation<T>;
  title: string;
  body(subject: T): string;
  confirmLabel: string;
  cancelLabel: string;
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
          {error && <ErrorState error={error} title={null} />}
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
 * What a panel's confirmation is about: the item it asks about (null: closed), whether the
 * confirmed action is under way, and the server's refusal of the last action. Asking again
 * clears that refusal.
 */
export type Confirmation<T> = ReturnType<typeof useConfirmation<T>>;

export function useConfirmation<T>() {
  const [subject, setSubject] = useState<T | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    subject,
    error,
    setError,
    busy,
    ask(item: T) {
      setError(null);
      setSubject(item);
    },
    close: () => setSubject(null),
    /**
     * Takes the confirmed action: the server's refusal stays in the dialog, a success closes it.
     * Returns what the server answered, or null after a refusal.
     */
    async take<V>(action: () => Promise<IpcResult<V>>): Promise<V | null> {
      setBusy(true);
      setError(null);
      const result = await action();
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      setSubject(null);
      return result.value;
    },
  };
}
