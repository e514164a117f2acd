import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InsightsResponse } from '../../../shared/protocol/insights';
import { percent } from './insights-data';
import { describedBy } from '../app/TitledSection';
import { InsightsSection } from './InsightsSection';
import { ScrollTable } from '../app/ScrollTable';

/** Rows of the confusion table shown; the rest are small. */
const CELLS = 12;

/** The misses teach more than the hits (the agreement rate sums those up): largest misses first. */
function mismatchesFirst(cells: InsightsResponse['prediction']['cells']) {
  const miss = cells.filter((c) => c.predicted !== c.confirmed);
  const hit = cells.filter((c) => c.predicted === c.confirmed);
  return [...miss, ...hit].slice(0, CELLS);
}

/** How often the reason predicted at ring time was the one the agent confirmed, and the misses. */
export function PredictionSection({
  insights,
  reasonLabel,
}: {
  insights: InsightsResponse;
  reasonLabel(code: string): string;
}) {
  const { t } = useTranslation();
  const { predicted, agreed, cells } = insights.prediction;
  return (
    <InsightsSection {...describedBy('insights.prediction', t)} testId="insights-prediction">
      {predicted === 0 ? (
        <Text size="sm" c="dimmed">
          {t('insights.prediction.noPredictions')}
        </Text>
      ) : (
        <>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('insights.prediction.agreement')}
            </Text>
            <Text size="sm" data-testid="insights-agreement">
              {t('insights.prediction.agreementValue', {
                rate: percent(agreed / predicted),
                agreed,
                predicted,
              })}
            </Text>
          </Group>
          <ScrollTable
            minWidth={420}
            verticalSpacing={4}
            fz="sm"
            striped
            head={
              <>
                <Table.Th>{t('insights.prediction.predicted')}</Table.Th>
                <Table.Th>{t('insights.prediction.confirmed')}</Table.Th>
                <Table.Th ta="right">{t('insights.prediction.count')}</Table.Th>
                <Table.Th />
              </>
            }
          >
            {mismatchesFirst(cells).map((c) => (
              <Table.Tr key={`${c.predicted}|${c.confirmed}`}>
                <Table.Td>{reasonLabel(c.predicted)}</Table.Td>
                <Table.Td>{reasonLabel(c.confirmed)}</Table.Td>
                <Table.Td ta="right">{c.count}</Table.Td>
                <Table.Td ta="right">
                  <Badge
                    size="xs"
                    variant="light"
                    color={c.predicted === c.confirmed ? 'teal' : 'orange'}
                  >
                    {c.predicted === c.confirmed
                      ? t('insights.prediction.match')
                      : t('insights.prediction.mismatch')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </>
      )}
    </InsightsSection>
  );
}
