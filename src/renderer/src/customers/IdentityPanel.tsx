import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerCard } from '../../../shared/domain';
import { formatPhone } from '../../../shared/phone';
import { useFormatters } from '../i18n/use-formatters';
import { CustomerFlags } from './CustomerFlags';
import { MaskedValue } from './MaskedValue';
import { NameWithReading } from './NameWithReading';
import { Field } from './Section';
import { TierBadge } from './TierBadge';

/**
 * Who is calling: name and reading, tier, value, language, how to reach them, and flags. The
 * fields the retailer marks sensitive arrive masked from the core (`masked`); they are shown
 * as received, with a button that asks the core for the value.
 */
export function IdentityPanel({
  customer,
  masked = [],
}: {
  customer: Customer;
  masked?: CustomerCard['masked'];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isMasked = (field: 'email' | 'phone' | 'address') => masked?.includes(field) ?? false;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('customer.identity')}>
      <Stack gap="md">
        <Group gap="md" align="flex-end" justify="space-between">
          <Group gap="md" align="flex-end">
            <NameWithReading customer={customer} size="xl" nameComponent="h2" />
            <TierBadge tier={customer.tier} size="lg" />
          </Group>
          <CustomerFlags flags={customer.flags} />
        </Group>
        <SimpleGrid cols={5} spacing="lg" verticalSpacing="xs">
          <Field label={t('customer.lifetimeValue')}>
            <Text size="sm" fw={600} className="koe-tabular">
              {format.money(customer.lifetimeValue, customer.currency)}
            </Text>
          </Field>
          <Field label={t('customer.preferredLanguage')}>
            <Text size="sm">{t(`language.${customer.language}`)}</Text>
          </Field>
          <Field label={t('customer.phones')}>
            {customer.phones.map((phone, index) => (
              <Group key={`${phone.e164}-${index}`} gap={4} wrap="nowrap">
                {isMasked('phone') ? (
                  <MaskedValue
                    masked={phone.e164}
                    index={index}
                    customerId={customer.id}
                    field="phone"
                    format={formatPhone}
                    revealLabel={t('customer.revealPhone')}
                    hideLabel={t('customer.hidePhone')}
                  />
                ) : (
                  <Text size="sm" className="koe-tabular">
                    {formatPhone(phone.e164)}
                  </Text>
                )}
                <Text span size="xs" c="dimmed">
                  {t(`customer.phoneKind.${phone.kind}`)}
                </Text>
              </Group>
            ))}
          </Field>
          <Field label={t('customer.email')}>
            {customer.emails.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('customer.noEmail')}
              </Text>
            ) : (
              customer.emails.map((email, index) =>
                isMasked('email') ? (
                  <MaskedValue
                    key={`${email}-${index}`}
                    masked={email}
                    index={index}
                    customerId={customer.id}
                    field="email"
                    revealLabel={t('customer.revealEmail')}
                    hideLabel={t('customer.hideEmail')}
                  />
                ) : (
                  <Text key={email} size="sm" truncate="end">
                    {email}
                  </Text>
                ),
              )
            )}
          </Field>
          <Field label={t('customer.address')}>
            <AddressValue customer={customer} masked={isMasked('address')} />
          </Field>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('customer.customerSince', { date: format.date(customer.createdAt) })}
        </Text>
      </Stack>
    </Paper>
  );
}

function AddressValue({ customer, masked }: { customer: Customer; masked: boolean }) {
  const { t } = useTranslation();
  const prefecture = customer.prefecture ?? '';
  if (!customer.addressLine) {
    return (
      <Text size="sm" c={prefecture ? undefined : 'dimmed'}>
        {prefecture || t('customer.noAddress')}
      </Text>
    );
  }
  if (!masked) {
    const postal = customer.postalCode
      ? `${t('customer.postalCode', { code: customer.postalCode })} `
      : '';
    return <Text size="sm">{`${postal}${prefecture}${customer.addressLine}`}</Text>;
  }
  return (
    <MaskedValue
      masked={`${prefecture}${customer.addressLine}`}
      customerId={customer.id}
      field="address"
      revealLabel={t('customer.revealAddress')}
      hideLabel={t('customer.hideAddress')}
    />
  );
}
