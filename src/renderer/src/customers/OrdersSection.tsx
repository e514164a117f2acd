import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate, Order, Shipment } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';
import { ShipmentItem } from './ShipmentItem';

/** Orders with their lines (product names, not SKUs) and their shipments beneath each. */
export function OrdersSection({
  orders,
  shown = orders.length,
  shipments,
  today,
  estimates = [],
  shownAbove,
}: {
  orders: Order[];
  /** How many of the orders to render (the card's first frame shows the latest one only). */
  shown?: number;
  shipments: Shipment[];
  today: string;
  /** Koe's delivery estimates of the open shipments (card.predictions). */
  estimates?: DeliveryEstimate[];
  /** The late parcel shown above the card's sections: its order points there instead. */
  shownAbove?: string;
}) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('orders.title')}
      icon={<IconPackage size={20} aria-hidden />}
      count={orders.length}
      emptyText={t('orders.empty')}
    >
      <Stack gap="md">
        {orders.slice(0, shown).map((order) => (
          <OrderItem
            key={order.id}
            order={order}
            shipments={shipments.filter((s) => s.orderId === order.id)}
            today={today}
            estimates={estimates}
            shownAbove={shownAbove}
          />
        ))}
      </Stack>
    </Section>
  );
}

function OrderItem({
  order,
  shipments,
  today,
  estimates,
  shownAbove,
}: {
  order: Order;
  shipments: Shipment[];
  today: string;
  estimates: DeliveryEstimate[];
  shownAbove: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
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
        {shipments.length === 0
          ? order.status !== 'cancelled' && (
              <Text size="sm" c="dimmed">
                {t('shipments.none')}
              </Text>
            )
          : shipments.map((shipment) =>
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
}
