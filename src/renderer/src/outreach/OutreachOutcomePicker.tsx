import { Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OutreachOutcome } from '../../../shared/domain/voc';

const OUTCOMES: readonly OutreachOutcome[] = ['reached', 'voicemail', 'no_answer'];

/**
 * How a proactive call went, chosen in its wrap-up: reached or voicemail records the customer as
 * told (a notice on the customer); no answer does not.
 */
export function OutreachOutcomePicker({
  value,
  onChange,
}: {
  value: OutreachOutcome | null;
  onChange(value: OutreachOutcome): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="outreach-outcome">
      <Stack gap={6}>
        <Radio.Group
          value={value}
          onChange={(v) => onChange(v as OutreachOutcome)}
          label={
            <Group gap={6} component="span">
              <IconPhoneOutgoing size={16} aria-hidden />
              {t('outreach.outcome.label')}
            </Group>
          }
          withAsterisk
          error={value === null ? t('outreach.outcome.required') : undefined}
        >
          <Group gap="md" mt={6}>
            {OUTCOMES.map((outcome) => (
              <Radio key={outcome} value={outcome} label={t(`outreach.outcome.${outcome}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Text size="xs" c="dimmed">
          {t('outreach.outcomeHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
