import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { InsightsResponse } from '../../../shared/protocol/insights';
import { avoidableRows } from './insights-data';
import { describedBy } from '../app/TitledSection';
import { InsightsSection } from './InsightsSection';

/** The share of avoidable calls per bucket: the figure a retailer works down. */
export function AvoidableSection({ insights }: { insights: InsightsResponse }) {
  const { t } = useTranslation();
  return (
    <InsightsSection {...describedBy('insights.avoidableTrend', t)} testId="insights-avoidable">
      <LineChart
        h={220}
        data={avoidableRows(insights)}
        dataKey="bucket"
        series={[{ name: 'share', label: t('insights.avoidableShare'), color: 'orange.6' }]}
        curveType="monotone"
        unit="%"
        yAxisProps={{ domain: [0, 100] }}
        tickLine="y"
      />
    </InsightsSection>
  );
}
