import { Badge, Button, Card, Group, Modal, Stack, Switch, Text } from '@mantine/core';
import { IconKey, IconList, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../../../shared/protocol/webhooks';
import { useFormatters } from '../i18n/use-formatters';
import { AdminAction } from './AdminTable';
import { WebhookDeliveries } from './WebhookDeliveries';

type Confirming = 'rotate' | 'delete' | null;

/** One webhook: where it sends, what, whether it is on; its secret and its recent deliveries. */
export function WebhookItem({
  webhook,
  busy,
  onToggle,
  onRotate,
  onDelete,
}: {
  webhook: Webhook;
  busy: boolean;
  onToggle(enabled: boolean): void;
  onRotate(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const confirm = () => {
    if (confirming === 'rotate') onRotate();
    if (confirming === 'delete') onDelete();
    setConfirming(null);
  };
  return (
    <Card withBorder padding="sm" data-testid="webhook-item">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text ff="monospace" size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
              {webhook.url}
            </Text>
            <Group gap={6}>
              {webhook.events.map((e) => (
                <Badge key={e} variant="light" size="sm">
                  {t(`admin.webhooks.event.${e}`)}
                </Badge>
              ))}
              <Text size="xs" c="dimmed">
                {t('admin.webhooks.created', { date: format.dateTime(webhook.createdAt) })}
              </Text>
            </Group>
          </Stack>
          <Switch
            label={t('admin.webhooks.enabled')}
            checked={webhook.enabled}
            disabled={busy}
            onChange={(event) => onToggle(event.currentTarget.checked)}
            data-testid="webhook-enabled"
          />
        </Group>
        {!webhook.enabled && (
          <Text size="xs" c="dimmed">
            {t('admin.webhooks.disabledNote')}
          </Text>
        )}
        <Group gap="xs">
          <AdminAction
            variant="default"
            icon={IconList}
            onClick={() => setShowDeliveries((v) => !v)}
            aria-expanded={showDeliveries}
            data-testid="webhook-deliveries-toggle"
          >
            {showDeliveries
              ? t('admin.webhooks.deliveriesHide')
              : t('admin.webhooks.deliveriesShow')}
          </AdminAction>
          <AdminAction
            variant="default"
            icon={IconKey}
            disabled={busy}
            onClick={() => setConfirming('rotate')}
            data-testid="webhook-rotate"
          >
            {t('admin.webhooks.rotate')}
          </AdminAction>
          <AdminAction
            variant="subtle"
            color="red"
            icon={IconTrash}
            disabled={busy}
            onClick={() => setConfirming('delete')}
          >
            {t('admin.webhooks.delete')}
          </AdminAction>
        </Group>
        {showDeliveries && <WebhookDeliveries webhookId={webhook.id} />}
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        closeButtonProps={{ 'aria-label': t('app.close') }}
        title={confirming === 'delete' ? t('admin.webhooks.delete') : t('admin.webhooks.rotate')}
      >
        <Stack gap="md">
          <Text size="sm">
            {confirming === 'delete'
              ? t('admin.webhooks.deleteConfirm')
              : t('admin.webhooks.rotateConfirm')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('admin.webhooks.cancel')}
            </Button>
            <Button
              color={confirming === 'delete' ? 'red' : undefined}
              onClick={confirm}
              data-testid="webhook-confirm"
            >
              {confirming === 'delete'
                ? t('admin.webhooks.deleteGo')
                : t('admin.webhooks.rotateGo')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
