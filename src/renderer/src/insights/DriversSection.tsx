import { AreaChart } from '@mantine/charts';
import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InsightsResponse } from '../../../shared/protocol/insights';
import {
  driverRows,
  OTHER,
  percent,
  reasonSummaries,
  SERIES_COLORS,
  topReasons,
} from './insights-data';
import { describedBy } from '../app/TitledSection';
import { InsightsSection } from './InsightsSection';
import { ScrollTable } from '../app/ScrollTable';

/** Calls per main reason over time (stacked), and every reason with a way to its words. */
export function DriversSection({
  insights,
  reasonLabel,
  onShowWords,
}: {
  insights: InsightsResponse;
  reasonLabel(code: string): string;
  onShowWords(reason: string): void;
}) {
  const { t } = useTranslation();
  const top = topReasons(insights);
  const series = [
    ...top.map((reason, i) => ({
      name: reason,
      label: reasonLabel(reason),
      color: SERIES_COLORS[i % SERIES_COLORS.length]!,
    })),
    { name: OTHER, label: t('insights.other'), color: SERIES_COLORS[SERIES_COLORS.length - 1]! },
  ];
  return (
    <InsightsSection {...describedBy('insights.drivers', t)} testId="insights-drivers">
      <AreaChart
        h={280}
        data={driverRows(insights, top)}
        dataKey="bucket"
        type="stacked"
        series={series}
        curveType="monotone"
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 56 }}
        fillOpacity={0.35}
        tickLine="y"
      />
      <ScrollTable
        minWidth={480}
        striped
        highlightOnHover
        verticalSpacing={4}
        fz="sm"
        head={
          <>
            <Table.Th>{t('insights.drivers.reason')}</Table.Th>
            <Table.Th ta="right">{t('insights.calls')}</Table.Th>
            <Table.Th ta="right">{t('insights.share')}</Table.Th>
            <Table.Th ta="right">{t('insights.drivers.change')}</Table.Th>
            <Table.Th />
          </>
        }
      >
        {reasonSummaries(insights).map((r) => (
          <Table.Tr key={r.reason} data-testid="insights-reason-row">
            <Table.Td>{reasonLabel(r.reason)}</Table.Td>
            <Table.Td ta="right">{r.count}</Table.Td>
            <Table.Td ta="right">{percent(r.share, 1)}</Table.Td>
            <Table.Td ta="right">
              {r.change === null ? (
                '—'
              ) : (
                <Text span size="sm" c={r.change > 0 ? 'red' : r.change < 0 ? 'teal' : 'dimmed'}>
                  {r.change > 0 ? `+${r.change}` : r.change}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              <Button size="compact-xs" variant="subtle" onClick={() => onShowWords(r.reason)}>
                {t('insights.drivers.showWords')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </InsightsSection>
  );
}
