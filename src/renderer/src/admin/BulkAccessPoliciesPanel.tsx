import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  bulkAccessAction,
  bulkAccessMetric,
  type BulkAccessAction,
  type BulkAccessMetric,
  type BulkAccessPolicyView,
} from '../../../shared/access-audit/bulk-access-policies';
import { callKoe } from '../app/koe-call';
import { useAdminList } from './use-admin-list';
import { errorText } from '../app/error-text';
import { checkBulkAccessDraft, draftOf, newDraft, type BulkAccessDraft } from './bulk-access-form';

/**
 * The retailer admin's bulk-access policies: each with what it counts, its limit and window,
 * and what happens past it; created, edited and switched off here, checked with the protocol's
 * schema before sending (the server checks again).
 */
export function BulkAccessPoliciesPanel() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<BulkAccessDraft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const list = useAdminList('admin:bulkAccessPolicies', 'policies');

  if (!list.ready) return list.placeholder;
  const { value: policies, setValue: setPolicies } = list;

  const save = async (change: BulkAccessDraft) => {
    const { save: request } = checkBulkAccessDraft(change);
    if (!request) return;
    setSaving(true);
    setSaveError(null);
    const result = await callKoe('admin:saveBulkAccessPolicy', request);
    setSaving(false);
    if (!result.ok) return setSaveError(errorText(result.error, t));
    const saved = result.value;
    setPolicies((list) => [...list.filter((p) => p.id !== saved.id), saved]);
    setDraft(null);
    setJustSaved(true);
  };
  const label = (p: BulkAccessPolicyView) => (i18n.language === 'en' ? p.labelEn : p.labelJa);

  return (
    <Stack gap="md" data-testid="admin-bulk-access">
      <Stack gap={2}>
        <Title order={3}>{t('admin.bulkAccess.title')}</Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('admin.bulkAccess.description')}
        </Text>
      </Stack>
      {policies.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.bulkAccess.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={6} data-testid="bulk-access-list">
          <Table.Tbody>
            {[...policies]
              .sort((a, b) => label(a).localeCompare(label(b)))
              .map((p) => (
                <Table.Tr key={p.id} data-testid="bulk-access-policy" data-active={p.active}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {label(p)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`admin.bulkAccess.metrics.${p.metric}`)} ·{' '}
                      {t('admin.bulkAccess.rule', {
                        threshold: p.threshold,
                        window: p.windowMinutes,
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={p.action === 'lock_desk' ? 'red' : 'blue'} variant="light">
                      {t(`admin.bulkAccess.actions.${p.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={p.active}
                      label={
                        p.active ? t('admin.bulkAccess.active') : t('admin.bulkAccess.inactive')
                      }
                      disabled={saving}
                      onChange={(event) =>
                        void save({ ...draftOf(p), active: event.currentTarget.checked })
                      }
                      data-testid="bulk-access-active"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setDraft(draftOf(p));
                        setJustSaved(false);
                      }}
                      data-testid="bulk-access-edit"
                    >
                      {t('admin.bulkAccess.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      {draft ? (
        <PolicyForm
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            setSaveError(null);
          }}
          onSave={() => void save(draft)}
          onCancel={() => setDraft(null)}
          saving={saving}
        />
      ) : (
        <Group gap="sm">
          <Button
            leftSection={<IconPlus size={16} />}
            variant="light"
            onClick={() => {
              setDraft(newDraft());
              setJustSaved(false);
            }}
            data-testid="bulk-access-add"
          >
            {t('admin.bulkAccess.add')}
          </Button>
          {justSaved && (
            <Group gap={4} c="teal" role="status" data-testid="bulk-access-saved">
              <IconCheck size={16} />
              <Text size="sm">{t('admin.bulkAccess.saved')}</Text>
            </Group>
          )}
        </Group>
      )}
      {saveError && (
        <Alert color="red" variant="light" role="alert">
          {t('admin.failed', { message: saveError })}
        </Alert>
      )}
    </Stack>
  );
}

function PolicyForm({
  draft,
  onChange,
  onSave,
  onCancel,
  saving,
}: {
  draft: BulkAccessDraft;
  onChange(draft: BulkAccessDraft): void;
  onSave(): void;
  onCancel(): void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const { problems, save } = checkBulkAccessDraft(draft);
  const problem = (field: keyof typeof problems) =>
    problems[field] ? t(`admin.bulkAccess.problems.${field}`) : undefined;
  const edit = (change: Partial<BulkAccessDraft>) => onChange({ ...draft, ...change });
  return (
    <Paper withBorder p="md" maw={760} component="form" data-testid="bulk-access-form">
      <Stack gap="sm">
        <Title order={4} fz="md">
          {draft.id ? t('admin.bulkAccess.editing') : t('admin.bulkAccess.adding')}
        </Title>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('admin.bulkAccess.labelJa')}
            value={draft.labelJa}
            onChange={(e) => edit({ labelJa: e.currentTarget.value })}
            error={problem('labelJa')}
            data-testid="bulk-access-labelJa"
          />
          <TextInput
            label={t('admin.bulkAccess.labelEn')}
            value={draft.labelEn}
            onChange={(e) => edit({ labelEn: e.currentTarget.value })}
            error={problem('labelEn')}
            data-testid="bulk-access-labelEn"
          />
        </SimpleGrid>
        <Select
          label={t('admin.bulkAccess.metric')}
          data={bulkAccessMetric.options.map((m) => ({
            value: m,
            label: t(`admin.bulkAccess.metrics.${m}`),
          }))}
          value={draft.metric}
          onChange={(value) => value && edit({ metric: value as BulkAccessMetric })}
          allowDeselect={false}
          data-testid="bulk-access-metric"
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('admin.bulkAccess.threshold')}
            value={draft.threshold}
            inputMode="numeric"
            onChange={(e) => edit({ threshold: e.currentTarget.value })}
            error={problem('threshold')}
            data-testid="bulk-access-threshold"
          />
          <TextInput
            label={t('admin.bulkAccess.windowMinutes')}
            value={draft.windowMinutes}
            inputMode="numeric"
            onChange={(e) => edit({ windowMinutes: e.currentTarget.value })}
            error={problem('windowMinutes')}
            data-testid="bulk-access-window"
          />
        </SimpleGrid>
        <Select
          label={t('admin.bulkAccess.action')}
          data={bulkAccessAction.options.map((a) => ({
            value: a,
            label: t(`admin.bulkAccess.actions.${a}`),
          }))}
          value={draft.action}
          onChange={(value) => value && edit({ action: value as BulkAccessAction })}
          allowDeselect={false}
          data-testid="bulk-access-action"
        />
        <Switch
          checked={draft.active}
          label={t('admin.bulkAccess.active')}
          onChange={(e) => edit({ active: e.currentTarget.checked })}
        />
        <Group gap="sm">
          <Button onClick={onSave} disabled={!save} loading={saving} data-testid="bulk-access-save">
            {t('admin.bulkAccess.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('admin.bulkAccess.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
