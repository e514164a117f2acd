import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InsightsGroup } from '../../../shared/protocol/insights';
import { InsightsSection } from './InsightsSection';

/** Calls of each group (center, carrier, product), avoidable and not, largest first. */
export function GroupBarsSection({
  title,
  description,
  groups,
  label,
  testId,
}: {
  title: string;
  description?: string;
  groups: readonly InsightsGroup[];
  label(key: string | null): string;
  testId: string;
}) {
  const { t } = useTranslation();
  const data = groups.map((g) => ({
    group: label(g.key),
    avoidable: g.avoidable,
    notAvoidable: g.count - g.avoidable,
  }));
  return (
    <InsightsSection title={title} testId={testId} {...(description ? { description } : {})}>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('insights.empty')}
        </Text>
      ) : (
        <BarChart
          h={Math.max(160, data.length * 34 + 60)}
          data={data}
          dataKey="group"
          orientation="vertical"
          type="stacked"
          yAxisProps={{ width: 150 }}
          series={[
            { name: 'avoidable', label: t('insights.avoidable'), color: 'orange.6' },
            { name: 'notAvoidable', label: t('insights.notAvoidable'), color: 'blue.5' },
          ]}
          withLegend
          tickLine="x"
        />
      )}
    </InsightsSection>
  );
}
