import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Language, PredictedReason, ReasonFactor } from '../../../shared/domain';
import type { ReasonNode } from '../../../shared/domain/guidance';
import { reasonLabel } from '../../../shared/guidance';

/**
 * The learned model's view beside the rules': its likeliest reasons with their probabilities
 * (calibrated on held-out calls) and, for the first, the facts that raised it most.
 */
export function PredictedReasons({
  reasons,
  trainingCalls,
  taxonomy,
  language,
}: {
  reasons: PredictedReason[];
  trainingCalls: number | null;
  taxonomy: ReasonNode[];
  language: Language;
}) {
  const { t } = useTranslation();
  const [top, ...rest] = reasons;
  if (!top) return null;
  const describe = (f: ReasonFactor) =>
    t(`prediction.factor.${f.feature}`, {
      value: f.value,
      reason: f.reasonCode ? reasonLabel(f.reasonCode, language, taxonomy) : '',
    });
  const percent = (p: number) => Math.round(p * 100);
  return (
    <Stack gap={4} data-testid="predicted-reasons">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <IconChartBar size={16} aria-hidden color="var(--mantine-color-grape-6)" />
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {t('prediction.modelTitle')}
          </Text>
          <Text fw={600} size="sm" truncate data-testid="predicted-reason-label">
            {reasonLabel(top.reasonCode, language, taxonomy)}
          </Text>
        </Group>
        <Badge
          variant="light"
          color="grape"
          style={{ flexShrink: 0 }}
          aria-label={t('prediction.probabilityLabel', { percent: percent(top.probability) })}
        >
          {t('prediction.probability', { percent: percent(top.probability) })}
        </Badge>
      </Group>
      {top.factors.length > 0 && (
        <List size="sm" spacing={2} data-testid="predicted-reason-evidence">
          {top.factors.map((f) => (
            <List.Item key={f.feature}>{describe(f)}</List.Item>
          ))}
        </List>
      )}
      <Group gap={4}>
        {/* A reason under 1% says nothing to the agent: not shown. */}
        {rest
          .filter((r) => percent(r.probability) >= 1)
          .map((r) => (
            <Badge key={r.reasonCode} size="sm" variant="default">
              {reasonLabel(r.reasonCode, language, taxonomy)} {percent(r.probability)}%
            </Badge>
          ))}
        {trainingCalls !== null && (
          <Text size="xs" c="dimmed">
            {t('prediction.modelTrainedOn', { count: trainingCalls })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
