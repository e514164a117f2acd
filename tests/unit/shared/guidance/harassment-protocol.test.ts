import { describe, expect, it } from 'vitest';
import { demoPolicies } from '../../../../src/shared/demo/policies';
import { harassmentIncident as incidentSchema } from '../../../../src/shared/domain';
import {
  currentHarassmentScript,
  harassmentIncident,
  harassmentTransition,
  initialHarassmentState,
  needsSupervisorAlert,
  type HarassmentEvent,
  type HarassmentState,
} from '../../../../src/shared/guidance';

const policy = demoPolicies(0).find((p) => p.kind === 'harassment_protocol');
const at = (m: number) => `2026-11-23T09:${String(m).padStart(2, '0')}:00.000Z`;

function apply(state: HarassmentState, ...events: HarassmentEvent[]): HarassmentState {
  return events.reduce((s, e) => {
    const r = harassmentTransition(s, e);
    if (!r.ok) throw new Error(r.error);
    return r.state;
  }, state);
}

describe('harassment protocol', () => {
  it('flag → warning → demand repeated → termination script → terminated', () => {
    let s = initialHarassmentState(policy);
    expect(s.warningsRequired).toBe(1);
    expect(currentHarassmentScript(s, 'ja', policy)).toBeNull();
    expect(needsSupervisorAlert(s)).toBe(false);

    s = apply(s, { type: 'flag', at: at(1) });
    expect(s.stage).toBe('warn');
    expect(needsSupervisorAlert(s)).toBe(true);
    expect(currentHarassmentScript(s, 'ja', policy)).toMatchObject({
      kind: 'warning',
      warningNumber: 1,
      of: 1,
    });

    s = apply(s, { type: 'warningGiven', at: at(2) });
    expect(s.stage).toBe('monitor');
    s = apply(s, { type: 'demandRepeated', at: at(3) });
    expect(s.stage).toBe('terminate');
    const script = currentHarassmentScript(s, 'en', policy);
    expect(script?.kind).toBe('termination');
    expect(script?.text).toContain('end the call');

    s = apply(s, { type: 'terminate', at: at(4) });
    expect(s).toMatchObject({ stage: 'terminated', terminatedAt: at(4), terminatedEarly: false });
    const incident = harassmentIncident(s, '  大声で同じ要求を繰り返した  ');
    expect(incident).toEqual({
      flaggedAt: at(1),
      warningsGiven: 1,
      callTerminated: true,
      note: '大声で同じ要求を繰り返した',
    });
    expect(incidentSchema.safeParse(incident).success).toBe(true);
    expect(harassmentTransition(s, { type: 'flag', at: at(5) })).toMatchObject({
      ok: false,
      error: 'call_ended',
    });
  });

  it('with two warnings required, the first repeated demand brings the second warning', () => {
    const two = policy && { ...policy, params: { warningsBeforeTermination: 2 } };
    let s = apply(
      initialHarassmentState(two),
      { type: 'flag', at: at(1) },
      { type: 'warningGiven', at: at(2) },
    );
    s = apply(s, { type: 'demandRepeated', at: at(3) });
    expect(s.stage).toBe('warn');
    expect(currentHarassmentScript(s, 'ja', two)).toMatchObject({
      kind: 'warning',
      warningNumber: 2,
      of: 2,
    });
    s = apply(s, { type: 'warningGiven', at: at(4) }, { type: 'demandRepeated', at: at(5) });
    expect(s).toMatchObject({ stage: 'terminate', warningsGiven: 2, demandRepeats: 2 });
  });

  it('a repeated demand before any warning still asks for the warning first', () => {
    const s = apply(
      initialHarassmentState(policy),
      { type: 'flag', at: at(1) },
      { type: 'demandRepeated', at: at(2) },
    );
    expect(s.stage).toBe('warn');
  });

  it('events before a flag are errors; terminate without a flag records an early termination', () => {
    const idle = initialHarassmentState(policy);
    expect(harassmentTransition(idle, { type: 'warningGiven', at: at(1) })).toEqual({
      ok: false,
      state: idle,
      error: 'not_flagged',
    });
    expect(harassmentTransition(idle, { type: 'demandRepeated', at: at(1) }).ok).toBe(false);
    const ended = apply(idle, { type: 'terminate', at: at(2) });
    expect(ended).toMatchObject({ stage: 'terminated', flaggedAt: at(2), terminatedEarly: true });
    expect(harassmentIncident(idle, 'x')).toBeNull();
  });

  it('the policy may supply its own words; the note is capped for the VoC record', () => {
    const custom = policy && {
      ...policy,
      params: { warningsBeforeTermination: 1, warningTextJa: '警告文です' },
    };
    const s = apply(initialHarassmentState(custom), { type: 'flag', at: at(1) });
    expect(currentHarassmentScript(s, 'ja', custom)?.text).toBe('警告文です');
    expect(currentHarassmentScript(s, 'en', custom)?.text).toContain('end this call');
    expect(harassmentIncident(s, 'あ'.repeat(3000))?.note).toHaveLength(2000);
    expect(harassmentIncident(s, '')?.callTerminated).toBe(false);
  });
});
