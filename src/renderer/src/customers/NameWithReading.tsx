import { Stack, Text, type MantineSize } from '@mantine/core';
import type { CustomerSummary } from '../../../shared/domain';
import { currentLanguage } from '../i18n/i18n';
import { displayName, displayReading } from './names';

type Named = Pick<CustomerSummary, 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>;

/**
 * The kana reading sits above the name like furigana: agents must say the name right, and
 * kanji names often have several readings. Two lines of text (not <ruby>) so each copies and
 * searches on its own.
 */
export function NameWithReading({
  customer,
  size = 'md',
  nameComponent,
}: {
  customer: Named;
  size?: MantineSize;
  nameComponent?: 'h2' | 'span';
}) {
  const reading = displayReading(customer, currentLanguage());
  return (
    <Stack gap={0}>
      {reading && (
        <Text size={size === 'xl' ? 'sm' : 'xs'} c="dimmed" className="koe-reading">
          {reading}
        </Text>
      )}
      <Text
        component={nameComponent ?? 'span'}
        fz={size}
        fw={600}
        lh={1.3}
        m={0}
        data-testid="customer-name"
      >
        {displayName(customer)}
      </Text>
    </Stack>
  );
}
