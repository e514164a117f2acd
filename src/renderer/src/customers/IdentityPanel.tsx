import './card.css';
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
    // Plain elements drawn as Mantine's (see card.css): the panel renders with every ring.
    <section className="koe-paper koe-column" data-with-border aria-label={t('customer.identity')}>
      <div className="koe-row koe-identity-head" data-between>
        <div className="koe-row koe-identity-head">
          <NameWithReading customer={customer} size="xl" nameComponent="h2" />
          <TierBadge tier={customer.tier} size="lg" />
        </div>
        <CustomerFlags flags={customer.flags} />
      </div>
      <div className="koe-identity-facts">
        <Field label={t('customer.lifetimeValue')}>
          <p className="koe-text koe-tabular" data-size="sm" data-weight="600">
            {format.money(customer.lifetimeValue, customer.currency)}
          </p>
        </Field>
        <Field label={t('customer.preferredLanguage')}>
          <p className="koe-text" data-size="sm">
            {t(`language.${customer.language}`)}
          </p>
        </Field>
        <Field label={t('customer.phones')}>
          {customer.phones.map((phone, index) => (
            <div key={`${phone.e164}-${index}`} className="koe-row koe-gap-4" data-nowrap>
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
                <p className="koe-text koe-tabular" data-size="sm">
                  {formatPhone(phone.e164)}
                </p>
              )}
              <span className="koe-text" data-size="xs" data-dimmed>
                {t(`customer.phoneKind.${phone.kind}`)}
              </span>
            </div>
          ))}
        </Field>
        <Field label={t('customer.email')}>
          {customer.emails.length === 0 ? (
            <p className="koe-text" data-size="sm" data-dimmed>
              {t('customer.noEmail')}
            </p>
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
                <p key={email} className="koe-text" data-size="sm" data-truncate>
                  {email}
                </p>
              ),
            )
          )}
        </Field>
        <Field label={t('customer.address')}>
          <AddressValue customer={customer} masked={isMasked('address')} />
        </Field>
      </div>
      <p className="koe-text" data-size="xs" data-dimmed>
        {t('customer.customerSince', { date: format.date(customer.createdAt) })}
      </p>
    </section>
  );
}

function AddressValue({ customer, masked }: { customer: Customer; masked: boolean }) {
  const { t } = useTranslation();
  const prefecture = customer.prefecture ?? '';
  if (!customer.addressLine) {
    return (
      <p className="koe-text" data-size="sm" data-dimmed={prefecture ? undefined : true}>
        {prefecture || t('customer.noAddress')}
      </p>
    );
  }
  if (!masked) {
    const postal = customer.postalCode
      ? `${t('customer.postalCode', { code: customer.postalCode })} `
      : '';
    return (
      <p className="koe-text" data-size="sm">{`${postal}${prefecture}${customer.addressLine}`}</p>
    );
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
