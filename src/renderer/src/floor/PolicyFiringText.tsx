import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyFiringView } from '../../../shared/protocol/supervisor-alerts';

/**
 * What a bulk-access alert is about, in the reader's language: the policy's name as the retailer
 * admin wrote it, what was counted, and how far past its limit the agent went.
 */
export function PolicyFiringText({ policy }: { policy: PolicyFiringView }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm" data-testid="alert-policy">
      {t('floor.policyFiring', {
        label: i18n.language === 'en' ? policy.labelEn : policy.labelJa,
        metric: t(`admin.bulkAccess.metrics.${policy.metric}`),
        count: policy.count,
        window: policy.windowMinutes,
        threshold: policy.threshold,
      })}
    </Text>
  );
}
