import { Grid, Stack } from '@mantine/core';
import { useDeferredValue, useMemo } from 'react';
import type { CustomerCard } from '../../../shared/domain';
import { ClaimsSection } from './ClaimsSection';
import { ContactsSection } from './ContactsSection';
import { IdentityPanel } from './IdentityPanel';
import { NoticesSection } from './NoticesSection';
import { OrdersSection } from './OrdersSection';
import { ReturnsSection } from './ReturnsSection';
import { retailerDate } from './shipment-delay';

const CARD_BREAKPOINTS = { xs: '480px', sm: '640px', md: '900px', lg: '1100px', xl: '1300px' };

/**
 * The customer 360: identity across the top; orders and their shipments (what most calls are
 * about) on the left; what the customer was told, returns, claims and past contacts on the right.
 */
export function CustomerCardView({ card }: { card: CustomerCard }) {
  const orderNumbers = useMemo(
    () => new Map(card.orders.map((order) => [order.id, order.orderNumber])),
    [card.orders],
  );
  // Read once per card: lateness is counted against the retailer's calendar day.
  const today = useMemo(() => retailerDate(new Date()), []);
  // The first frame shows who is calling, their latest order and what they were told, returned,
  // claimed and asked — what the agent reads first when the phone rings. Older orders (their
  // shipments and tracking are most of the card's weight) follow in a background pass.
  const whole = useDeferredValue(true, false);
  return (
    <Stack gap="md" data-testid="customer-card" data-complete={whole}>
      <IdentityPanel customer={card.customer} />
      {/* Container breakpoints: two columns on the customer page, one in the narrower call
          workspace column (the orders need the width). */}
      <Grid gap="md" type="container" breakpoints={CARD_BREAKPOINTS}>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <OrdersSection
            orders={card.orders}
            shown={whole ? card.orders.length : 1}
            shipments={card.shipments}
            today={today}
            estimates={card.predictions?.deliveryEstimates}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <NoticesSection notices={card.notices} orderNumbers={orderNumbers} />
            <ReturnsSection returns={card.returns} orderNumbers={orderNumbers} />
            <ClaimsSection claims={card.claims} orderNumbers={orderNumbers} />
            <ContactsSection contacts={card.contacts} orderNumbers={orderNumbers} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
