import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSaveResult } from '../../../shared/admin-ipc';
import type { IpcResult } from '../../../shared/ipc';
import {
  webhookEvent,
  webhookUrl,
  type Webhook,
  type WebhookEvent,
} from '../../../shared/protocol/webhooks';
import { callKoe } from '../app/koe-call';
import { useAdminList } from './use-admin-list';
import { SecretModal } from './SecretModal';
import { WebhookItem } from './WebhookItem';
import { errorText } from '../app/error-text';

/** The form's message: a refusal of the retailer (by its reason), or the core's own words. */
type FormMessage = { key: string } | { text: string } | null;

/** The retailer's webhooks: the list, the add form, and each one's switches and secret. */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const list = useAdminList('admin:webhooks', 'webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...webhookEvent.options]);
  const [message, setMessage] = useState<FormMessage>(null);
  const [adding, setAdding] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  /** A confirmed change to the list (an action's answer can only come once it is shown). */
  const setWebhooks = (change: (hooks: Webhook[]) => Webhook[]) => {
    if (list.ready) list.setValue(change);
  };
  const replace = (hook: Webhook) =>
    setWebhooks((hooks) => hooks.map((h) => (h.id === hook.id ? hook : h)));
  const failed = (result: IpcResult<unknown>) => {
    if (!result.ok) setActionError(errorText(result.error, t));
  };
  const refusalOf = (result: WebhookSaveResult): FormMessage =>
    result.saved ? null : { key: `admin.webhooks.refusal.${result.refusal}` };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setActionError(null);
    // Checked here first for a quick answer; the retailer checks again, and resolves the host.
    if (!webhookUrl.safeParse(url).success)
      return setMessage({ key: 'admin.webhooks.urlMustBeHttps' });
    if (events.length === 0) return setMessage({ key: 'admin.webhooks.pickEvent' });
    setAdding(true);
    const result = await callKoe('admin:createWebhook', { url: url.trim(), events });
    setAdding(false);
    if (!result.ok) return setMessage({ text: errorText(result.error, t) });
    if (!result.value.saved) return setMessage(refusalOf(result.value));
    const { webhook, secret: shown } = result.value;
    setWebhooks((hooks) => [...hooks, webhook]);
    setUrl('');
    setMessage(null);
    setSecret(shown);
  };

  const run = async (id: string, action: () => Promise<void>) => {
    setBusyId(id);
    setActionError(null);
    await action();
    setBusyId(null);
  };
  const toggle = (hook: Webhook, enabled: boolean) =>
    run(hook.id, async () => {
      const result = await callKoe('admin:updateWebhook', { id: hook.id, change: { enabled } });
      if (!result.ok) return failed(result);
      if (result.value.saved) replace(result.value.webhook);
      else setActionError(t(`admin.webhooks.refusal.${result.value.refusal}`));
    });
  const rotate = (hook: Webhook) =>
    run(hook.id, async () => {
      const result = await callKoe('admin:rotateWebhookSecret', { id: hook.id });
      if (!result.ok) return failed(result);
      setSecret(result.value.secret);
    });
  const remove = (hook: Webhook) =>
    run(hook.id, async () => {
      const result = await callKoe('admin:deleteWebhook', { id: hook.id });
      if (!result.ok) return failed(result);
      setWebhooks((hooks) => hooks.filter((h) => h.id !== hook.id));
    });

  return (
    <Stack gap="md" maw={960} data-testid="admin-webhooks">
      <Stack gap={2}>
        <Title order={3}>{t('admin.webhooks.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.webhooks.description')}
        </Text>
      </Stack>
      <Paper withBorder p="sm" component="form" onSubmit={(e) => void add(e)}>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label={t('admin.webhooks.url')}
              placeholder={t('admin.webhooks.urlPlaceholder')}
              value={url}
              onChange={(e) => {
                setUrl(e.currentTarget.value);
                setMessage(null);
              }}
              error={
                message
                  ? 'key' in message
                    ? t(message.key as 'admin.webhooks.urlMustBeHttps')
                    : message.text
                  : undefined
              }
              style={{ flex: 1 }}
              type="url"
              spellCheck={false}
              data-testid="webhook-url"
            />
            <Button
              type="submit"
              mt={25}
              loading={adding}
              leftSection={<IconPlus size={16} />}
              data-testid="webhook-add"
            >
              {t('admin.webhooks.add')}
            </Button>
          </Group>
          <Checkbox.Group
            label={t('admin.webhooks.events')}
            value={events}
            onChange={(value) => setEvents(value as WebhookEvent[])}
          >
            <Group gap="md" mt={4}>
              {webhookEvent.options.map((e) => (
                <Checkbox key={e} value={e} label={t(`admin.webhooks.event.${e}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Stack>
      </Paper>
      {actionError && (
        <Alert color="red" variant="light" role="alert">
          {t('admin.failed', { message: actionError })}
        </Alert>
      )}
      {!list.ready ? (
        list.placeholder
      ) : list.value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.webhooks.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {list.value.map((hook) => (
            <WebhookItem
              key={hook.id}
              webhook={hook}
              busy={busyId === hook.id}
              onToggle={(enabled) => void toggle(hook, enabled)}
              onRotate={() => void rotate(hook)}
              onDelete={() => void remove(hook)}
            />
          ))}
        </Stack>
      )}
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
