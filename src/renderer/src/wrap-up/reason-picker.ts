import type { Language, ReasonNode } from '../../../shared/domain';
import { leafReasonCodes } from '../../../shared/guidance';
import { foldForSearch } from '../../../shared/kana';

/**
 * The reason tree of the wrap-up form, as rows the agent reads and picks from with the keyboard:
 * groups (parents) as headings, active leaves as options. Pure, so the filter and the number keys
 * are unit-tested.
 */
export type ReasonRow =
  | { kind: 'group'; node: ReasonNode; depth: number }
  | {
      kind: 'leaf';
      node: ReasonNode;
      depth: number;
      /** Position among the visible leaves (0-based): number key `index + 1` picks it. */
      index: number;
    };

/** How many leaves the number keys reach (1–9). */
export const NUMBER_KEY_LEAVES = 9;

interface TreeNode {
  node: ReasonNode;
  children: TreeNode[];
}

/**
 * Active nodes as a forest ordered by `sortOrder`. A node whose parent is missing or inactive
 * becomes a root, so a retailer retiring a group never hides the reasons still in use.
 */
function activeForest(taxonomy: readonly ReasonNode[]): TreeNode[] {
  const active = taxonomy.filter((n) => n.active);
  const byCode = new Map(active.map((n) => [n.code, { node: n, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const entry of byCode.values()) {
    const parent = entry.node.parentCode === null ? undefined : byCode.get(entry.node.parentCode);
    if (parent && parent !== entry) parent.children.push(entry);
    else roots.push(entry);
  }
  const sort = (list: TreeNode[]) => {
    list.sort(
      (a, b) => a.node.sortOrder - b.node.sortOrder || a.node.code.localeCompare(b.node.code),
    );
    for (const item of list) sort(item.children);
  };
  sort(roots);
  return roots;
}

/** The query as folded terms: every term must match somewhere (label, code, or a parent's). */
function queryTerms(query: string): string[] {
  return query
    .split(/[\s\u3000]+/)
    .map((term) => foldForSearch(term))
    .filter((term) => term.length > 0);
}

function haystack(node: ReasonNode): string {
  // Folded pieces joined by a character no folded term contains, so terms cannot span pieces.
  return [node.labelJa, node.labelEn, node.code].map((piece) => foldForSearch(piece)).join('\n');
}

/**
 * A group's words (「返品・交換」 → 返品, 交換; "Returns and exchanges" → returns, and, exchanges;
 * its code's segments), folded. A term matches a group only at the start of one of its words, so
 * 「返品」 lists the returns group but "change" does not drag in every reason under "exchanges".
 */
function groupWords(node: ReasonNode): string[] {
  return [node.labelJa, node.labelEn, node.code]
    .flatMap((piece) => piece.split(/[\s\u3000・･/／、,.()（）_-]+/))
    .map((word) => foldForSearch(word))
    .filter((word) => word.length > 0);
}

/**
 * The rows to show for a filter: a leaf is shown when each term of the query is found in its
 * Japanese or English label or its code — or begins a word of one of its groups, so 「配送」
 * lists every delivery reason. Hiragana and katakana, full and half width, and case are folded alike.
 * A group is shown when one of its leaves is.
 */
export function filterReasons(taxonomy: readonly ReasonNode[], query: string): ReasonRow[] {
  const terms = queryTerms(query);
  const leaves = leafReasonCodes(taxonomy);
  const rows: ReasonRow[] = [];
  let index = 0;

  const visit = (item: TreeNode, depth: number, ancestors: readonly string[]): ReasonRow[] => {
    if (leaves.has(item.node.code)) {
      const text = haystack(item.node);
      const matches = (term: string) =>
        text.includes(term) || ancestors.some((word) => word.startsWith(term));
      if (!terms.every(matches)) return [];
      return [{ kind: 'leaf', node: item.node, depth, index: -1 }];
    }
    const words = [...ancestors, ...groupWords(item.node)];
    const inner = item.children.flatMap((child) => visit(child, depth + 1, words));
    return inner.length > 0 ? [{ kind: 'group', node: item.node, depth }, ...inner] : [];
  };

  for (const root of activeForest(taxonomy)) {
    for (const row of visit(root, 0, [])) {
      rows.push(row.kind === 'leaf' ? { ...row, index: index++ } : row);
    }
  }
  return rows;
}

/** The leaf rows, in the order the agent sees them. */
export function visibleLeaves(rows: readonly ReasonRow[]): ReasonNode[] {
  return rows.flatMap((row) => (row.kind === 'leaf' ? [row.node] : []));
}

/** The leaf a number key (1–9) picks, or null when there are fewer visible leaves. */
export function leafForNumberKey(rows: readonly ReasonRow[], digit: number): ReasonNode | null {
  if (!Number.isInteger(digit) || digit < 1 || digit > NUMBER_KEY_LEAVES) return null;
  return visibleLeaves(rows)[digit - 1] ?? null;
}

/**
 * The highlighted leaf after ↑/↓ (`delta` -1/+1), or Home/End (`'first'`/`'last'`). It stays on
 * the first or last leaf rather than wrapping, which is calmer in a long list.
 */
export function moveHighlight(
  rows: readonly ReasonRow[],
  current: string | null,
  move: -1 | 1 | 'first' | 'last',
): string | null {
  const codes = visibleLeaves(rows).map((n) => n.code);
  if (codes.length === 0) return null;
  if (move === 'first') return codes[0] ?? null;
  if (move === 'last') return codes[codes.length - 1] ?? null;
  const at = current === null ? -1 : codes.indexOf(current);
  if (at < 0) return move === 1 ? (codes[0] ?? null) : (codes[codes.length - 1] ?? null);
  return codes[Math.min(codes.length - 1, Math.max(0, at + move))] ?? null;
}

/** The highlight kept on a still-visible leaf when the filter changes, else the first leaf. */
export function keepHighlight(rows: readonly ReasonRow[], current: string | null): string | null {
  const codes = visibleLeaves(rows).map((n) => n.code);
  if (current !== null && codes.includes(current)) return current;
  return codes[0] ?? null;
}

/** The label in the UI language, and the group it belongs to ("配送 › 配送遅延"). */
export function reasonPath(
  code: string,
  taxonomy: readonly ReasonNode[],
  locale: Language,
): { label: string; group: string | null } {
  const byCode = new Map(taxonomy.map((n) => [n.code, n]));
  const node = byCode.get(code);
  if (!node) return { label: code, group: null };
  const label = (n: ReasonNode) => (locale === 'ja' ? n.labelJa : n.labelEn);
  const parent = node.parentCode === null ? undefined : byCode.get(node.parentCode);
  return { label: label(node), group: parent ? label(parent) : null };
}
