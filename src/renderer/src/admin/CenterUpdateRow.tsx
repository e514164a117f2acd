import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskUpdatesOverview } from '../../../shared/admin-ipc';
import { callKoe } from '../app/koe-call';
import { centerDraftFrom, checkCenterDraft, type CenterUpdateDraft } from './center-update-form';
import { errorText } from '../app/error-text';

type Center = DeskUpdatesOverview['centers'][number];

/** One center's channel, rollout and minimum version, edited in place and saved to the retailer. */
export function CenterUpdateRow({ center }: { center: Center }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CenterUpdateDraft>(() => centerDraftFrom(center));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const checked = checkCenterDraft(draft);
  const problem = (field: 'channel' | 'rollout' | 'minimum') =>
    (checked.problems as string[]).includes(field)
      ? t(`updates.admin.invalid.${field}`)
      : undefined;
  const edit = (change: Partial<CenterUpdateDraft>) => {
    setDraft({ ...draft, ...change });
    setSaved(false);
    setFailure(null);
  };
  const save = async () => {
    if (!checked.settings) return;
    setSaving(true);
    const result = await callKoe('admin:saveCenterUpdates', {
      centerId: center.centerId,
      settings: checked.settings,
    });
    setSaving(false);
    if (result.ok) {
      setDraft(centerDraftFrom(result.value));
      setSaved(true);
    } else {
      setFailure(errorText(result.error, t));
    }
  };
  const label = (field: string) => `${center.centerName}: ${field}`;
  return (
    <Table.Tr data-testid={`center-updates-${center.centerId}`}>
      <Table.Td>{center.centerName}</Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('updates.admin.channel'))}
          value={draft.channel}
          onChange={(e) => edit({ channel: e.currentTarget.value })}
          error={problem('channel')}
          size="xs"
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('updates.admin.rollout'))}
          value={draft.rollout}
          onChange={(e) => edit({ rollout: e.currentTarget.value })}
          error={problem('rollout')}
          inputMode="numeric"
          size="xs"
          w={90}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('updates.admin.minimum'))}
          placeholder={t('updates.admin.minimumNone')}
          value={draft.minimum}
          onChange={(e) => edit({ minimum: e.currentTarget.value })}
          error={problem('minimum')}
          size="xs"
          w={120}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            onClick={() => void save()}
            disabled={!checked.settings}
            loading={saving}
            aria-label={label(t('updates.admin.save'))}
          >
            {t('updates.admin.save')}
          </Button>
          {saved && (
            <Group gap={4} c="teal" role="status">
              <IconCheck size={14} />
              <Text size="xs">{t('updates.admin.saved')}</Text>
            </Group>
          )}
          {failure && (
            <Text size="xs" c="red" role="alert">
              {t('admin.failed', { message: failure })}
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
