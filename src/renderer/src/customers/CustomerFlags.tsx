import { Badge, Group } from '@mantine/core';
import { IconAlertTriangle, IconEar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerFlag } from '../../../shared/domain';

/** Risk flags warn (red for harassment, orange for fraud signals); a care flag informs. */
const flagColor: Record<CustomerFlag, string> = {
  harassment_history: 'red',
  claim_risk: 'orange',
  return_abuse_risk: 'orange',
  address_changed_recently: 'yellow',
  hearing_support: 'blue',
};

export function CustomerFlags({ flags }: { flags: CustomerFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Group gap={6} aria-label={t('customer.flagsLabel')}>
      {flags.map((flag) => (
        <Badge
          key={flag}
          color={flagColor[flag]}
          variant="light"
          leftSection={
            flag === 'hearing_support' ? (
              <IconEar size={12} aria-hidden />
            ) : (
              <IconAlertTriangle size={12} aria-hidden />
            )
          }
        >
          {t(`flag.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}
