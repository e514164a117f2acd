import { describe, expect, it } from 'vitest';
import { demoScriptVersions } from '../../../src/shared/demo/scripts';
import type { ScriptVersion } from '../../../src/shared/domain/guidance';
import type { CallGuidance } from '../../../src/renderer/src/guidance/call-guidance';
import { withPinnedScript } from '../../../src/renderer/src/guidance/pinned-script';
import { callDesk, callWork, initialCallDesk } from '../../../src/renderer/src/calls/call-desk';

const demo = demoScriptVersions(Date.parse('2026-10-24T00:00:00Z'));
const wismoJa = demo.find((s) => s.scriptId === 'script-wismo-late-ja')!;
const v2: ScriptVersion = { ...wismoJa, version: 2, publishedAt: '2026-11-23T04:00:00.000Z' };

describe('a call pins its script version', () => {
  it('keeps the version a call showed first when a newer one arrives', () => {
    const guidance = (script: ScriptVersion) =>
      ({ selection: { script, match: 'reason' } }) as unknown as CallGuidance;
    const pinned = { [wismoJa.scriptId]: wismoJa };
    expect(withPinnedScript(guidance(v2), pinned)?.selection?.script.version).toBe(1);
    // Another script, or none pinned yet: the selection stands.
    expect(withPinnedScript(guidance(v2), {})?.selection?.script.version).toBe(2);
  });

  it('pins each script once per call, in the desk (it outlives the workspace)', () => {
    const first = callDesk(initialCallDesk, {
      type: 'scriptPinned',
      callId: 'c1',
      script: wismoJa,
    });
    const again = callDesk(first, { type: 'scriptPinned', callId: 'c1', script: v2 });
    expect(again).toBe(first);
    expect(callWork(again, 'c1').pinnedScripts[wismoJa.scriptId]?.version).toBe(1);
    expect(callWork(again, 'c2').pinnedScripts).toEqual({});
  });
});
