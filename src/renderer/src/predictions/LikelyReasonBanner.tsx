import { Alert, Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBulb } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, ReasonFactor } from '../../../shared/domain';
import type { ReasonNode } from '../../../shared/domain/guidance';
import {
  describeEvidence,
  reasonLabel,
  type EvidenceItem,
  type RankedReason,
  type ReasonConfidence,
} from '../../../shared/guidance';
import { SignalsSection } from './SignalsSection';

interface LikelyReasonBannerProps {
  /** The one ranked list (rankLikelyReasons): rules and model already combined. */
  reasons: RankedReason[];
  alerts: EvidenceItem[];
  taxonomy: ReasonNode[];
  language: Language;
  nowDay: number;
}

/** How many of the evidence sentences to show: the strongest ones fit on the first screen. */
const EVIDENCE_SHOWN = 3;

const percent = (p: number) => Math.round(p * 100);

/** The confidence as words: a calibrated percentage, "under 50%", or none (rules only). */
function confidenceText(t: TFunction, c: ReasonConfidence): { text: string; label: string } {
  if (c.kind === 'probability') {
    const value = percent(c.probability);
    return {
      text: t('guidance.confidence', { percent: value }),
      label: t('guidance.confidenceLabel', { percent: value }),
    };
  }
  if (c.kind === 'low') {
    const value = percent(c.below);
    return {
      text: t('prediction.reasonLow', { percent: value }),
      label: t('prediction.reasonLowLabel', { percent: value }),
    };
  }
  return { text: t('prediction.reasonFromRules'), label: t('prediction.reasonFromRules') };
}

/**
 * "Likely calling about": ONE top reason with its one confidence and only the evidence for it,
 * the runners-up smaller, and the risk flags the agent must see before saying anything.
 * Memoized: the workspace renders again on every change of the desk's state during a call.
 */
export const LikelyReasonBanner = memo(function LikelyReasonBanner({
  reasons,
  alerts,
  taxonomy,
  language,
  nowDay,
}: LikelyReasonBannerProps) {
  const { t } = useTranslation();
  const [top, ...rest] = reasons;
  const describe = (item: EvidenceItem) => describeEvidence(item, language, { taxonomy, nowDay });
  const describeFactor = (f: ReasonFactor) =>
    t(`prediction.factor.${f.feature}`, {
      value: f.value,
      reason: f.reasonCode ? reasonLabel(f.reasonCode, language, taxonomy) : '',
    });
  const topConfidence = top ? confidenceText(t, top.confidence) : null;
  const sure = top?.confidence.kind === 'probability' && top.confidence.probability >= 0.7;

  return (
    <SignalsSection label={t('guidance.likelyTitle')} testId="likely-reason">
      {alerts.map((alert, index) => (
        <Alert
          key={index}
          color="red"
          variant="light"
          py={6}
          icon={<IconAlertTriangle size={18} />}
          data-testid="risk-alert"
        >
          <Text size="sm">{describe(alert)}</Text>
        </Alert>
      ))}
      <Paper withBorder p="sm" className="koe-likely-reason">
        {top && topConfidence ? (
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <IconBulb size={18} aria-hidden color="var(--mantine-color-indigo-6)" />
                <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                  {t('guidance.likelyTitle')}
                </Text>
                <Text
                  fw={700}
                  truncate
                  data-testid="likely-reason-label"
                  data-reason-code={top.reasonCode}
                >
                  {reasonLabel(top.reasonCode, language, taxonomy)}
                </Text>
              </Group>
              <Badge
                variant="light"
                color={sure ? 'indigo' : 'gray'}
                style={{ flexShrink: 0 }}
                aria-label={topConfidence.label}
                data-testid="likely-reason-confidence"
              >
                {topConfidence.text}
              </Badge>
            </Group>
            <List size="sm" spacing={2} data-testid="likely-reason-evidence">
              {top.evidence.length > 0
                ? top.evidence
                    .slice(0, EVIDENCE_SHOWN)
                    .map((item, index) => <List.Item key={index}>{describe(item)}</List.Item>)
                : top.factors.length > 0
                  ? top.factors
                      .slice(0, EVIDENCE_SHOWN)
                      .map((f) => <List.Item key={f.feature}>{describeFactor(f)}</List.Item>)
                  : [<List.Item key="none">{t('prediction.reasonNoEvidence')}</List.Item>]}
            </List>
            {rest.length > 0 && (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('guidance.otherReasons')}
                </Text>
                {rest.map((r) => (
                  <Badge
                    key={r.reasonCode}
                    size="sm"
                    variant="default"
                    data-testid="likely-reason-other"
                  >
                    {reasonLabel(r.reasonCode, language, taxonomy)}
                    {r.confidence.kind === 'probability'
                      ? ` ${percent(r.confidence.probability)}%`
                      : ''}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        ) : (
          <Group gap="xs">
            <IconBulb size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              {t('guidance.likelyNone')}
            </Text>
          </Group>
        )}
      </Paper>
    </SignalsSection>
  );
});
