import './card.css';
import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionProps {
  title: string;
  icon: ReactNode;
  count: number;
  emptyText: string;
  children: ReactNode;
}

/** One titled part of the customer card; says so plainly when it has nothing to show. Plain
 * elements drawn as Mantine's (see card.css): a ring renders five of them. */
export function Section({ title, icon, count, emptyText, children }: SectionProps) {
  return (
    <section className="koe-paper koe-column koe-gap-sm" data-with-border aria-label={title}>
      <div className="koe-row koe-gap-xs" data-nowrap>
        {icon}
        <h3 className="koe-section-title">{title}</h3>
        {count > 0 && (
          <Badge size="sm" variant="default" circle>
            {count}
          </Badge>
        )}
      </div>
      {count > 0 ? (
        children
      ) : (
        <p className="koe-text" data-size="sm" data-dimmed>
          {emptyText}
        </p>
      )}
    </section>
  );
}

/** A small label over its value, for the identity panel and shipment facts: plain elements (see
 * card.css), a card shows dozens. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="koe-field koe-column koe-gap-2">
      <p className="koe-text" data-size="xs" data-dimmed>
        {label}
      </p>
      {children}
    </div>
  );
}

/** A return or a claim: what it is on the left of its first line, its amount on the right, its
 * details below. */
export function CaseBox({
  head,
  amount,
  children,
}: {
  head: ReactNode;
  amount: string;
  children: ReactNode;
}) {
  return (
    <div className="koe-paper" data-with-border data-padding="xs" data-radius="md">
      <div className="koe-row" data-between data-nowrap>
        <div className="koe-row koe-gap-6" data-nowrap>
          {head}
        </div>
        <p className="koe-text koe-tabular" data-size="sm" data-weight="600">
          {amount}
        </p>
      </div>
      {children}
    </div>
  );
}
