import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A signing secret, shown once (after adding a webhook or rotating its secret). */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      title={t('admin.webhooks.secretTitle')}
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack gap="md" data-testid="webhook-secret">
        <Alert color="yellow" variant="light">
          {t('admin.webhooks.secretBody')}
        </Alert>
        <Code block data-testid="webhook-secret-value" style={{ wordBreak: 'break-all' }}>
          {secret ?? ''}
        </Code>
        <Group justify="flex-end" gap="sm">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('app.copied') : t('app.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose} data-testid="webhook-secret-done">
            {t('admin.webhooks.secretDone')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Koe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")
        </Text>
      </Stack>
    </Modal>
  );
}
