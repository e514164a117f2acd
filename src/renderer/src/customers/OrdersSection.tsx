import './card.css';
import { Badge } from '@mantine/core';
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
      <div className="koe-column">
        {latest && <OrderItem order={latest} {...shared} />}
        {olderOrders && older.length > 0 && (
          <OlderOrders onRendered={onAboveTheFoldRendered}>
            {older.map((order) => (
              <OrderItem key={order.id} order={order} {...shared} />
            ))}
          </OlderOrders>
        )}
      </div>
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
  // Plain elements drawn as Mantine's (see card.css): a card renders up to ten orders.
  return (
    <article
      className="koe-paper koe-column koe-gap-xs"
      data-with-border
      data-padding="sm"
      data-radius="md"
      aria-label={order.orderNumber}
    >
      <div className="koe-row" data-between data-nowrap>
        <div className="koe-row koe-gap-sm" data-nowrap>
          <p className="koe-text" data-weight="700" data-mono>
            {order.orderNumber}
          </p>
          <Badge variant="outline" color="gray" size="sm">
            {t(`orders.status.${order.status}`)}
          </Badge>
          <p className="koe-text" data-size="sm" data-dimmed>
            {t('orders.placedAt', { date: format.date(order.placedAt) })}
          </p>
        </div>
        <div className="koe-row koe-gap-6" data-nowrap>
          <p className="koe-text" data-size="xs" data-dimmed>
            {t('orders.total')}
          </p>
          <p className="koe-text koe-tabular" data-weight="600">
            {format.money(order.total, order.currency)}
          </p>
        </div>
      </div>
      <table className="koe-lines">
        <thead>
          <tr>
            <th>{t('orders.product')}</th>
            <th data-end className="koe-lines-quantity">
              {t('orders.quantity')}
            </th>
            <th data-end className="koe-lines-money">
              {t('orders.unitPrice')}
            </th>
            <th data-end className="koe-lines-money">
              {t('orders.subtotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineNo}>
              <td>{line.productName}</td>
              <td data-end className="koe-tabular">
                {line.quantity}
              </td>
              <td data-end className="koe-tabular">
                {format.money(line.unitPrice, order.currency)}
              </td>
              <td data-end className="koe-tabular">
                {format.money(line.unitPrice * line.quantity, order.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ownShipments.length === 0
        ? order.status !== 'cancelled' && (
            <p className="koe-text" data-size="sm" data-dimmed>
              {t('shipments.none')}
            </p>
          )
        : ownShipments.map((shipment) =>
            shipment.id === shownAbove ? (
              <p
                key={shipment.id}
                className="koe-text"
                data-size="sm"
                data-trouble
                data-testid="shipment-shown-above"
              >
                {t('shipments.shownAbove')}
              </p>
            ) : (
              <ShipmentItem
                key={shipment.id}
                shipment={shipment}
                today={today}
                estimate={estimates.find((e) => e.shipmentId === shipment.id)}
              />
            ),
          )}
    </article>
  );
});
