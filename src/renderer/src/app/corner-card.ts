import type { CSSProperties } from 'react';

/**
 * A notice as a card in a bottom corner, not a banner: the call workspace under it keeps its
 * full height. The script-update notice takes the right corner, the desk-update notice the left.
 */
export function cornerCardStyle(side: 'left' | 'right'): CSSProperties {
  return {
    position: 'fixed',
    [side]: 16,
    bottom: 16,
    zIndex: 300,
    maxWidth: 420,
    boxShadow: 'var(--mantine-shadow-lg)',
  };
}
