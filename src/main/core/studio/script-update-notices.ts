import type { ScriptUpdate } from '../../../shared/studio-ipc';
import { readScriptReleaseNotes } from '../guidance';
import type { ReadDb } from '../platform/database';
import type { EventBus } from '../platform/event-bus';

/**
 * Tells the agent when a script version arrived by sync (a trainer published): after each
 * finished pull, versions this run has not seen before go out as a `scripts:updated` event with
 * their release notes. What the cache held at start (or got in its first bootstrap) is not news.
 * Versions are compared by key, not by publish time: the retailer's clock is not ours.
 */
export interface ScriptUpdateNotices {
  /** Call after a pull finished; resolves once any notice has been emitted. */
  check(): Promise<void>;
}

export function watchScriptUpdates(db: ReadDb, events: EventBus): ScriptUpdateNotices {
  let seen: Set<string> | null = null;
  let running = Promise.resolve();
  const key = (note: ScriptUpdate) => `${note.scriptId}@${note.version}`;

  async function check(): Promise<void> {
    // Scripts are tens of rows with their versions: reading them all is cheap.
    const notes = await readScriptReleaseNotes(db);
    const previous = seen;
    seen = new Set(notes.map(key));
    // The first look (and an empty cache's bootstrap) sets what counts as known.
    if (previous === null || previous.size === 0) return;
    const updates = notes.filter((note) => !previous.has(key(note)));
    if (updates.length > 0) events.emit('scripts:updated', { updates });
  }

  const next = () =>
    (running = running
      .then(check)
      .catch((error: unknown) => console.error('[koe] script update check failed', error)));
  void next();
  return {
    // One check at a time, so a version is never announced twice.
    check: next,
  };
}
