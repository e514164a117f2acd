import { Badge } from '@mantine/core';
import { IconCrown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerTier } from '../../../shared/domain';

const tierColor: Record<CustomerTier, string> = {
  standard: 'gray',
  silver: 'blue',
  gold: 'yellow',
  vip: 'grape',
};

export function TierBadge({
  tier,
  size = 'sm',
}: {
  tier: CustomerTier;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant={tier === 'vip' ? 'filled' : 'light'}
      color={tierColor[tier]}
      leftSection={tier === 'vip' ? <IconCrown size={12} aria-hidden /> : undefined}
      style={{ flexShrink: 0 }}
    >
      {t(`tier.${tier}`)}
    </Badge>
  );
}
