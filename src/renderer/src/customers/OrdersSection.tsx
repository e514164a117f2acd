import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import {
  memo,
  startTransition,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate, Order, Shipment } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';
import { ShipmentItem } from './ShipmentItem';

const NO_ESTIMATES: DeliveryEstimate[] = [];

/**
 * Orders with their lines (product names, not SKUs) and their shipments beneath each. The latest
 * order renders with the card; the older ones (their shipments and tracking are most of the
 * card's weight) in a pass of their own, once the frame that shows the card's second pass (on a
 * call, the one that renders the guidance) has painted.
 * `onAboveTheFoldRendered` is called in the commit that renders the older orders (or, with
 * none, the card's second pass). It is not called sooner when the latest order already reaches
 * the window's bottom: what is above it can still change in that frame, so a measure there
 * can be wrong (the e2e test caught it).
 */
export function OrdersSection({
  orders,
  onAboveTheFoldRendered,
  shipments,
  today,
  estimates = NO_ESTIMATES,
  shownAbove,
}: {
  orders: Order[];
  onAboveTheFoldRendered: () => void;
  shipments: Shipment[];
  today: string;
  /** Koe's delivery estimates of the open shipments (card.predictions). */
  estimates?: DeliveryEstimate[];
  /** The late parcel shown above the card's sections: its order points there instead. */
  shownAbove?: string;
}) {
  const { t } = useTranslation();
  const [latest, ...older] = orders;
  // The card's second pass, the one after its first frame: the older orders may mount then.
  const olderOrders = useDeferredValue(true, false);
  useLayoutEffect(() => {
    if (olderOrders && older.length === 0) onAboveTheFoldRendered();
  }, [olderOrders, older.length, onAboveTheFoldRendered]);
  const shared = { shipments, today, estimates, shownAbove };
  return (
    <Section
      title={t('orders.title')}
      icon={<IconPackage size={20} aria-hidden />}
      count={orders.length}
      emptyText={t('orders.empty')}
    >
      <Stack gap="md">
        {latest && <OrderItem order={latest} {...shared} />}
        {olderOrders && older.length > 0 && (
          <OlderOrders onRendered={onAboveTheFoldRendered}>
            {older.map((order) => (
              <OrderItem key={order.id} order={order} {...shared} />
            ))}
          </OlderOrders>
        )}
      </Stack>
    </Section>
  );
}

/** Renders its orders in a background pass once the frame it mounted in has painted, then says
 * so in that pass's commit. */
function OlderOrders({ children, onRendered }: { children: ReactNode; onRendered: () => void }) {
  const [rendered, setRendered] = useState(false);
  useEffect(() => {
    // The second frame: the first one's callbacks run before it paints.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => startTransition(() => setRendered(true)));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, []);
  useLayoutEffect(() => {
    if (rendered) onRendered();
  }, [rendered, onRendered]);
  return rendered ? children : null;
}

/** Memoized: the card's later passes render the section again, and an order already on screen
 * has nothing new to show. */
const OrderItem = memo(function OrderItem({
  order,
  shipments,
  today,
  estimates,
  shownAbove,
}: {
  order: Order;
  /** The card's shipments: the order's own are picked here. */
  shipments: Shipment[];
  today: string;
  estimates: DeliveryEstimate[];
  shownAbove: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ownShipments = useMemo(
    () => shipments.filter((s) => s.orderId === order.id),
    [shipments, order.id],
  );
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={order.orderNumber}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} ff="monospace">
              {order.orderNumber}
            </Text>
            <Badge variant="outline" color="gray" size="sm">
              {t(`orders.status.${order.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('orders.placedAt', { date: format.date(order.placedAt) })}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {t('orders.total')}
            </Text>
            <Text fw={600} className="koe-tabular">
              {format.money(order.total, order.currency)}
            </Text>
          </Group>
        </Group>
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.product')}</Table.Th>
              <Table.Th ta="right" w={60}>
                {t('orders.quantity')}
              </Table.Th>
              <Table.Th ta="right" w={100}>
                {t('orders.unitPrice')}
              </Table.Th>
              <Table.Th ta="right" w={100}>
                {t('orders.subtotal')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>{line.productName}</Table.Td>
                <Table.Td ta="right" className="koe-tabular">
                  {line.quantity}
                </Table.Td>
                <Table.Td ta="right" className="koe-tabular">
                  {format.money(line.unitPrice, order.currency)}
                </Table.Td>
                <Table.Td ta="right" className="koe-tabular">
                  {format.money(line.unitPrice * line.quantity, order.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {ownShipments.length === 0
          ? order.status !== 'cancelled' && (
              <Text size="sm" c="dimmed">
                {t('shipments.none')}
              </Text>
            )
          : ownShipments.map((shipment) =>
              shipment.id === shownAbove ? (
                <Text key={shipment.id} size="sm" c="red" data-testid="shipment-shown-above">
                  {t('shipments.shownAbove')}
                </Text>
              ) : (
                <ShipmentItem
                  key={shipment.id}
                  shipment={shipment}
                  today={today}
                  estimate={estimates.find((e) => e.shipmentId === shipment.id)}
                />
              ),
            )}
      </Stack>
    </Paper>
  );
});
