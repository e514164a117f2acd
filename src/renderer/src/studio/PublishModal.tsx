import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../shared/ipc';
import { errorText } from '../app/error-text';

interface PublishModalProps {
  opened: boolean;
  /** Set for a rollback: the version whose content is published again. */
  rollbackOf: number | null;
  blocked: boolean;
  busy: boolean;
  onClose(): void;
  /** Publishes a script or an approved answer; the modal only needs to know if it worked. */
  onPublish(notes: string): Promise<IpcResult<unknown> | null>;
}

/** Release notes, then publish (or roll back): the notes reach every agent with the version. */
export function PublishModal({
  opened,
  rollbackOf,
  blocked,
  busy,
  onClose,
  onPublish,
}: PublishModalProps) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    setNotes('');
    setFailure(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      title={
        rollbackOf === null
          ? t('studio.publishModal.title')
          : t('studio.publishModal.rollbackTitle', { version: rollbackOf })
      }
      size="lg"
    >
      <Stack gap="sm">
        <Textarea
          label={t('studio.publishModal.notes')}
          placeholder={t('studio.publishModal.notesPlaceholder')}
          autosize
          minRows={3}
          value={notes}
          data-testid="release-notes"
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {t('studio.publishModal.failed', { message: failure })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('studio.cancel')}
          </Button>
          <Button
            loading={busy}
            disabled={blocked || notes.trim() === ''}
            data-testid="confirm-publish"
            onClick={async () => {
              const result = await onPublish(notes.trim());
              if (result && !result.ok) setFailure(errorText(result.error, t));
              else if (result?.ok) close();
            }}
          >
            {t('studio.publishModal.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
