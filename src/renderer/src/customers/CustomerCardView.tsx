import { Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { memo, useCallback, useMemo, useRef } from 'react';
import type { CustomerCard, DeliveryEstimate } from '../../../shared/domain';
import { ClaimsSection } from './ClaimsSection';
import { ContactsSection } from './ContactsSection';
import { IdentityPanel } from './IdentityPanel';
import { lateParcel, type LateParcel } from './late-parcel';
import { NoticesSection } from './NoticesSection';
import { OrdersSection } from './OrdersSection';
import { ReturnsSection } from './ReturnsSection';
import { retailerDate } from './shipment-delay';
import { ShipmentItem } from './ShipmentItem';

const CARD_BREAKPOINTS = { xs: '480px', sm: '640px', md: '900px', lg: '1100px', xl: '1300px' };

/**
 * The customer 360: identity across the top; orders and their shipments (what most calls are
 * about) on the left; what the customer was told, returns, claims and past contacts on the right.
 * A parcel past its promised day comes out of its order to the top, with its newest scans: on a
 * call (`lateParcelFirst`, the call bar already says who is calling) even above the identity, so
 * it is in view without scrolling on a 1280×720 screen.
 *
 * Memoized: on a call the workspace renders again on every change of the desk's state (a script
 * pinned, a step taken), and the card, the same object, has nothing new to show.
 */
export const CustomerCardView = memo(function CustomerCardView({
  card,
  lateParcelFirst = false,
}: {
  card: CustomerCard;
  lateParcelFirst?: boolean;
}) {
  const orderNumbers = useMemo(
    () => new Map(card.orders.map((order) => [order.id, order.orderNumber])),
    [card.orders],
  );
  // Read once per card: lateness is counted against the retailer's calendar day.
  const today = useMemo(() => retailerDate(new Date()), []);
  // The first frame shows who is calling, their latest order and what they were told, returned,
  // claimed and asked — what the agent reads first when the phone rings. Older orders (their
  // shipments and tracking are most of the card's weight) follow in background passes (see
  // `OrdersSection`).
  // `data-complete`: everything of the card that shows without scrolling has rendered (the
  // orders section says when: see `OrdersSection`). Set on the element in that commit, not by
  // a state update, which would render the whole card once more.
  const cardElement = useRef<HTMLDivElement>(null);
  const markComplete = useCallback(
    () => cardElement.current?.setAttribute('data-complete', 'true'),
    [],
  );
  const late = useMemo(() => lateParcel(card, today), [card, today]);
  const lateSection = late && (
    <LateParcelSection
      parcel={late}
      today={today}
      estimate={card.predictions?.deliveryEstimates.find((e) => e.shipmentId === late.shipment.id)}
    />
  );
  return (
    <Stack ref={cardElement} gap="md" data-testid="customer-card" data-complete="false">
      {lateParcelFirst && lateSection}
      <IdentityPanel customer={card.customer} masked={card.masked} />
      {!lateParcelFirst && lateSection}
      {/* Container breakpoints: two columns on the customer page, one in the narrower call
          workspace column (the orders need the width). */}
      <Grid gap="md" type="container" breakpoints={CARD_BREAKPOINTS}>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <OrdersSection
            orders={card.orders}
            onAboveTheFoldRendered={markComplete}
            shipments={card.shipments}
            today={today}
            estimates={card.predictions?.deliveryEstimates}
            {...(late ? { shownAbove: late.shipment.id } : {})}
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
});

/** The late parcel on its own, above the rest of the card: its order, and its newest scans. */
function LateParcelSection({
  parcel,
  today,
  estimate,
}: {
  parcel: LateParcel;
  today: string;
  estimate: DeliveryEstimate | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label={t('shipments.lateTitle')}
      data-testid="late-parcel"
      style={{ borderColor: 'var(--mantine-color-red-4)' }}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <IconTruckDelivery size={20} color="var(--mantine-color-red-6)" aria-hidden />
          <Title order={3} fz="md" style={{ flex: 'none' }}>
            {t('shipments.lateTitle')}
          </Title>
          <Badge
            variant="outline"
            color="gray"
            size="sm"
            tt="none"
            ff="monospace"
            style={{ flex: 'none' }}
          >
            {t('shipments.lateOrder', { number: parcel.order.orderNumber })}
          </Badge>
          <Text size="sm" c="dimmed" truncate>
            {parcel.order.lines.map((line) => line.productName).join('、')}
          </Text>
        </Group>
        <ShipmentItem
          shipment={parcel.shipment}
          today={today}
          estimate={estimate}
          timelineLimit={2}
        />
      </Stack>
    </Paper>
  );
}
