import './sync.css';
import { isSyncBusy, syncStateColor, type SyncDisplayState } from './sync-display';

/** The colored dot of a sync state; it pulses while work is under way. */
export function SyncDot({ state }: { state: SyncDisplayState }) {
  return (
    <span
      className="koe-sync-dot"
      data-busy={isSyncBusy(state) || undefined}
      style={{ background: `var(--mantine-color-${syncStateColor[state]}-filled)` }}
      aria-hidden
    />
  );
}
