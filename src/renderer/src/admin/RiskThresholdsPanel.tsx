import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerTier, type CustomerTier } from '../../../shared/domain/customer';
import { callKoe } from '../app/koe-call';
import { useAdminList } from './use-admin-list';
import { checkDraft, draftFrom, type ThresholdDraft } from './threshold-form';
import { errorText } from '../app/error-text';

const NUMBER_FIELDS = ['claimRiskThreshold', 'highValueClaimJpy', 'returnAbuseThreshold'] as const;

/** The fraud and VIP thresholds: each with what it does in plain words, edited and saved. */
export function RiskThresholdsPanel() {
  const { t } = useTranslation();
  const list = useAdminList('admin:riskThresholds');
  /** The admin's edit; null: the saved thresholds as they are. */
  const [edited, setDraft] = useState<ThresholdDraft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  if (!list.ready) return list.placeholder;
  const { value: saved, setValue: setSaved } = list;
  const draft = edited ?? draftFrom(saved);

  const { problems, update } = checkDraft(draft, saved);
  const edit = (change: Partial<ThresholdDraft>) => {
    setDraft({ ...draft, ...change });
    setJustSaved(false);
    setSaveError(null);
  };
  const save = async () => {
    if (!update) return;
    setSaving(true);
    const result = await callKoe('admin:saveRiskThresholds', update);
    setSaving(false);
    if (result.ok) {
      setSaved(result.value);
      setDraft(null);
      setJustSaved(true);
    } else {
      setSaveError(errorText(result.error, t));
    }
  };

  return (
    <Stack gap="md" maw={760} data-testid="admin-thresholds">
      <Stack gap={2}>
        <Title order={3}>{t('admin.thresholds.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.thresholds.description')}
        </Text>
      </Stack>
      {NUMBER_FIELDS.map((field) => (
        <TextInput
          key={field}
          label={t(`admin.thresholds.${field}.label`)}
          description={t(`admin.thresholds.${field}.help`)}
          value={draft[field]}
          onChange={(event) => edit({ [field]: event.currentTarget.value })}
          error={problems[field] ? t(`admin.thresholds.${problems[field]}`) : undefined}
          inputMode={field === 'highValueClaimJpy' ? 'numeric' : 'decimal'}
          maw={560}
          data-testid={`threshold-${field}`}
        />
      ))}
      <Select
        label={t('admin.thresholds.vipTier.label')}
        description={t('admin.thresholds.vipTier.help')}
        data={customerTier.options.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
        value={draft.vipTier}
        onChange={(value) => value && edit({ vipTier: value as CustomerTier })}
        allowDeselect={false}
        maw={560}
        data-testid="threshold-vipTier"
      />
      {saveError && (
        <Alert color="red" variant="light" role="alert">
          {t('admin.failed', { message: saveError })}
        </Alert>
      )}
      <Group gap="sm">
        <Button
          onClick={() => void save()}
          disabled={!update}
          loading={saving}
          data-testid="thresholds-save"
        >
          {t('admin.thresholds.save')}
        </Button>
        <Button variant="default" disabled={!update} onClick={() => edit(draftFrom(saved))}>
          {t('admin.thresholds.reset')}
        </Button>
        {justSaved && (
          <Group gap={4} c="teal" role="status" data-testid="thresholds-saved">
            <IconCheck size={16} />
            <Text size="sm">{t('admin.thresholds.saved')}</Text>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
