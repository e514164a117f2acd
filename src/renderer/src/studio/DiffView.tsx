import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScriptDiff } from '../../../shared/guidance';
import { LineDiff } from './LineDiff';

const COLORS = { added: 'teal', removed: 'red', changed: 'yellow', unchanged: 'gray' } as const;

/** A version diff: what changed overall, then each step that changed, line by line. */
export function DiffView({ diff }: { diff: ScriptDiff }) {
  const { t } = useTranslation();
  const changed = diff.steps.filter((s) => s.change !== 'unchanged');
  const meta = [
    diff.titleChanged && t('studio.history.titleChanged'),
    diff.triggersChanged && t('studio.history.triggersChanged'),
    diff.audienceChanged && t('studio.history.audienceChanged'),
  ].filter((m): m is string => typeof m === 'string');
  if (changed.length === 0 && meta.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="diff-none">
        {t('studio.history.noChanges')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="diff">
      {meta.map((m) => (
        <Text key={m} fz="sm">
          • {m}
        </Text>
      ))}
      {changed.map((step) => (
        <Card key={`${step.change}-${step.stepId}`} withBorder padding="xs">
          <Group gap="xs" mb={step.change === 'changed' ? 4 : 0}>
            <Badge size="sm" color={COLORS[step.change]} variant="light">
              {step.change === 'added'
                ? t('studio.history.stepAdded')
                : step.change === 'removed'
                  ? t('studio.history.stepRemoved')
                  : t('studio.history.stepChanged')}
            </Badge>
            <Text fz="sm" ff="monospace">
              {step.stepId}
            </Text>
            {step.change === 'changed' && step.branchesChanged && (
              <Text fz="xs" c="dimmed">
                {t('studio.history.branchesChanged')}
              </Text>
            )}
            {step.change === 'changed' && step.complianceChanged && (
              <Text fz="xs" c="dimmed">
                {t('studio.history.complianceChanged')}
              </Text>
            )}
          </Group>
          {step.change === 'changed' && step.lines.some((l) => l.op !== 'same') && (
            <LineDiff lines={step.lines} />
          )}
        </Card>
      ))}
    </Stack>
  );
}
