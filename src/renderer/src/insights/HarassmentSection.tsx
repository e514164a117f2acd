import { BarChart } from '@mantine/charts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InsightsResponse } from '../../../shared/protocol/insights';
import { InsightsSection } from './InsightsSection';

/** Customer harassment reports in the window, per bucket, with a way to the reports. */
export function HarassmentSection({
  insights,
  onShowWords,
}: {
  insights: InsightsResponse;
  onShowWords(): void;
}) {
  const { t } = useTranslation();
  const { incidents, callsTerminated, byBucket } = insights.harassment;
  const counts = new Map(byBucket.map((b) => [b.bucket, b.count]));
  return (
    <InsightsSection title={t('insights.harassment.title')} testId="insights-harassment">
      <Group gap="xl" align="flex-end">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('insights.harassment.incidents')}
          </Text>
          <Text fz={28} fw={700} data-testid="insights-harassment-count">
            {incidents}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('insights.harassment.terminated')}
          </Text>
          <Text fz={28} fw={700}>
            {callsTerminated}
          </Text>
        </Stack>
        {incidents > 0 && (
          <Button size="xs" variant="light" color="red" onClick={onShowWords}>
            {t('insights.harassment.showWords')}
          </Button>
        )}
      </Group>
      <BarChart
        h={140}
        data={insights.avoidable.map((a) => ({
          bucket: a.bucket,
          count: counts.get(a.bucket) ?? 0,
        }))}
        dataKey="bucket"
        series={[{ name: 'count', label: t('insights.harassment.incidents'), color: 'red.6' }]}
        tickLine="y"
        yAxisProps={{ allowDecimals: false }}
      />
    </InsightsSection>
  );
}
