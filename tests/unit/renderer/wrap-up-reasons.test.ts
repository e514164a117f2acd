import { describe, expect, it } from 'vitest';
import { reasonTaxonomy } from '../../../src/shared/demo/taxonomy';
import type { ReasonNode } from '../../../src/shared/domain';
import {
  filterReasons,
  keepHighlight,
  leafForNumberKey,
  moveHighlight,
  reasonPath,
  visibleLeaves,
} from '../../../src/renderer/src/wrap-up/reason-picker';

const taxonomy = reasonTaxonomy();
const codes = (query: string, tax: readonly ReasonNode[] = taxonomy) =>
  visibleLeaves(filterReasons(tax, query)).map((n) => n.code);

describe('filterReasons', () => {
  it('shows every active leaf under its group, in sort order, numbered from 0', () => {
    const rows = filterReasons(taxonomy, '');
    expect(rows[0]).toMatchObject({ kind: 'group', depth: 0, node: { code: 'delivery' } });
    expect(rows[1]).toMatchObject({
      kind: 'leaf',
      depth: 1,
      index: 0,
      node: { code: 'delivery.wismo' },
    });
    const leaves = rows.filter((r) => r.kind === 'leaf');
    expect(leaves.map((r) => (r.kind === 'leaf' ? r.index : -1))).toEqual(leaves.map((_, i) => i));
    // A top-level reason without children is itself a leaf.
    expect(rows.at(-1)).toMatchObject({ kind: 'leaf', depth: 0, node: { code: 'other' } });
    expect(rows.some((r) => r.kind === 'leaf' && r.node.code === 'delivery')).toBe(false);
  });

  it('matches the Japanese label, the English label and the code', () => {
    expect(codes('遅延')).toEqual(['delivery.late']);
    expect(codes('late')).toEqual(['delivery.late']);
    expect(codes('LATE delivery')).toEqual(['delivery.late']);
    expect(codes('double_charge')).toEqual(['billing.double_charge']);
    expect(codes('billing.double')).toEqual(['billing.double_charge']);
  });

  it('folds hiragana and katakana, and full and half width', () => {
    expect(codes('きゃんせる')).toEqual(['order.cancel']);
    expect(codes('ｷｬﾝｾﾙ')).toEqual(['order.cancel']);
    expect(codes('ＲＥＦＵＮＤ')).toEqual(['returns.refund']);
  });

  it('a group name lists the whole group; every term must match', () => {
    expect(codes('返品')).toEqual([
      'returns.request',
      'returns.status',
      'returns.refund',
      'returns.exchange',
    ]);
    expect(codes('返品 返金')).toEqual(['returns.refund']);
    expect(codes('配送 返金')).toEqual([]);
    expect(codes('交換')).toEqual(codes('返品'));
    expect(codes('Returns')).toEqual(codes('返品'));
  });

  it('a group matches at the start of its words only, a leaf anywhere in its own text', () => {
    // "change" is inside "exchanges" (the returns group) but starts none of its words.
    expect(codes('change')).toEqual(['delivery.change', 'returns.exchange', 'order.change']);
  });

  it('shows the group heading only with a visible leaf', () => {
    const rows = filterReasons(taxonomy, 'refund');
    expect(rows.map((r) => `${r.kind}:${r.node.code}`)).toEqual([
      'group:returns',
      'leaf:returns.refund',
    ]);
    expect(filterReasons(taxonomy, 'zzz')).toEqual([]);
  });

  it('hides inactive reasons; an orphan of an inactive group becomes a root', () => {
    const tax = taxonomy.map((n) =>
      n.code === 'delivery.late' || n.code === 'order' ? { ...n, active: false } : n,
    );
    expect(codes('', tax)).not.toContain('delivery.late');
    const rows = filterReasons(tax, 'cancel');
    expect(rows).toEqual([expect.objectContaining({ kind: 'leaf', depth: 0, index: 0 })]);
    // A group whose children are all inactive becomes a selectable leaf.
    const conductOnly = taxonomy.map((n) =>
      n.parentCode === 'conduct' ? { ...n, active: false } : n,
    );
    expect(codes('対応上', conductOnly)).toEqual(['conduct']);
  });

  it('orders by sortOrder, not by the order the retailer sent the nodes', () => {
    const shuffled = [...taxonomy].reverse();
    expect(codes('', shuffled)).toEqual(codes(''));
  });
});

describe('number keys and arrows', () => {
  const rows = filterReasons(taxonomy, '配送');

  it('1–9 pick the n-th visible leaf', () => {
    expect(leafForNumberKey(rows, 1)?.code).toBe('delivery.wismo');
    expect(leafForNumberKey(rows, 2)?.code).toBe('delivery.late');
    expect(leafForNumberKey(rows, 7)?.code).toBe('delivery.change');
    expect(leafForNumberKey(rows, 8)).toBeNull();
    expect(leafForNumberKey(rows, 0)).toBeNull();
    expect(leafForNumberKey(filterReasons(taxonomy, ''), 10)).toBeNull();
  });

  it('↑/↓ move along the leaves and stop at the ends', () => {
    expect(moveHighlight(rows, null, 1)).toBe('delivery.wismo');
    expect(moveHighlight(rows, null, -1)).toBe('delivery.change');
    expect(moveHighlight(rows, 'delivery.wismo', 1)).toBe('delivery.late');
    expect(moveHighlight(rows, 'delivery.wismo', -1)).toBe('delivery.wismo');
    expect(moveHighlight(rows, 'delivery.change', 1)).toBe('delivery.change');
    expect(moveHighlight(rows, 'returns.refund', 1)).toBe('delivery.wismo');
    expect(moveHighlight(rows, 'delivery.late', 'last')).toBe('delivery.change');
    expect(moveHighlight(rows, 'delivery.late', 'first')).toBe('delivery.wismo');
    expect(moveHighlight([], null, 1)).toBeNull();
  });

  it('the highlight survives a filter that still shows it, else goes to the first leaf', () => {
    expect(keepHighlight(rows, 'delivery.late')).toBe('delivery.late');
    expect(keepHighlight(rows, 'returns.refund')).toBe('delivery.wismo');
    expect(keepHighlight([], 'delivery.late')).toBeNull();
  });
});

describe('reasonPath', () => {
  it('names a reason and its group in the UI language', () => {
    expect(reasonPath('delivery.late', taxonomy, 'ja')).toEqual({
      label: '配送遅延',
      group: '配送',
    });
    expect(reasonPath('delivery.late', taxonomy, 'en')).toEqual({
      label: 'Late delivery',
      group: 'Delivery',
    });
    expect(reasonPath('other', taxonomy, 'en')).toEqual({ label: 'Other', group: null });
    expect(reasonPath('gone.code', taxonomy, 'ja')).toEqual({ label: 'gone.code', group: null });
  });
});
