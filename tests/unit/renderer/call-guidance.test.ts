import { describe, expect, it } from 'vitest';
import {
  DEMO_FEATURED_CUSTOMERS,
  featuredCustomerRecords,
} from '../../../src/shared/demo/featured-customers';
import { newSequences } from '../../../src/shared/demo/ids';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { demoPolicies } from '../../../src/shared/demo/policies';
import { demoScriptVersions } from '../../../src/shared/demo/scripts';
import { reasonTaxonomy } from '../../../src/shared/demo/taxonomy';
import { renderScriptText, scriptTextToPlain } from '../../../src/shared/guidance';
import type { CustomerCard } from '../../../src/shared/domain';
import type { GuidanceReference } from '../../../src/shared/ipc';
import { callGuidance, runnerFromPath } from '../../../src/renderer/src/guidance/call-guidance';

const now = DEFAULT_DEMO_NOW.getTime();
const reference: GuidanceReference = {
  taxonomy: reasonTaxonomy(),
  scripts: demoScriptVersions(now - 86_400_000),
  policies: demoPolicies(now - 86_400_000),
};
const options = { now, uiLanguage: 'ja' as const, agentName: '山田', retailerName: 'デモ通販' };

/** 佐藤 花子's card as the screen pop reads it, from the demo's hand-written records. */
function hanako(): CustomerCard {
  const id = DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId;
  const records = featuredCustomerRecords(now, newSequences());
  let card: CustomerCard | null = null;
  for (const r of records) {
    if (r.type === 'customer' && r.data.id === id) {
      const { phones, ...rest } = r.data;
      card = {
        customer: { ...rest, phones: phones.map((p) => ({ e164: p.number, kind: p.kind })) },
        orders: [],
        shipments: [],
        returns: [],
        claims: [],
        contacts: [],
        notices: [],
      };
    }
  }
  if (!card) throw new Error('no featured card');
  const c = card;
  const orderIds = new Set<string>();
  for (const r of records) {
    if (r.type === 'order' && r.data.customerId === id) {
      c.orders.unshift(r.data);
      orderIds.add(r.data.id);
    }
  }
  for (const r of records) {
    if (r.type === 'shipment' && orderIds.has(r.data.orderId)) c.shipments.push(r.data);
    else if (r.type === 'notice' && r.data.customerId === id) c.notices.push(r.data);
    else if (r.type === 'contact' && r.data.customerId === id) c.contacts.push(r.data);
    else if (r.type === 'return' && r.data.customerId === id) c.returns.push(r.data);
    else if (r.type === 'claim' && r.data.customerId === id) c.claims.push(r.data);
  }
  return c;
}

describe('call guidance', () => {
  it('preselects the top of the one ranked list: a sure model over the rules', () => {
    const card: CustomerCard = {
      ...hanako(),
      predictions: {
        deliveryEstimates: [],
        reasons: [
          { reasonCode: 'returns.request', probability: 0.7, factors: [] },
          { reasonCode: 'delivery.late', probability: 0.2, factors: [] },
        ],
        reasonModel: { fittedAt: new Date(now).toISOString(), trainingCalls: 100 },
        deliveryModel: null,
      },
    };
    const guidance = callGuidance(card, reference, options);
    expect(guidance.reasons[0]?.reasonCode).toBe('returns.request');
    expect(guidance.predictedReason).toBe('returns.request');
    expect(guidance.reasons.map((r) => r.reasonCode)).toEqual(['returns.request', 'delivery.late']);
  });

  it('guides 佐藤 花子 with the late-delivery script filled with her late order', () => {
    const card = hanako();
    const guidance = callGuidance(card, reference, options);
    expect(guidance.predictedReason).toBe('delivery.late');
    expect(guidance.selection?.match).toBe('reason');
    expect(guidance.selection?.script.language).toBe('ja');
    expect(guidance.selection?.script.triggers.reasons).toContain('delivery.late');
    const late = card.orders.find((o) => o.id === DEMO_FEATURED_CUSTOMERS.lateDelivery.orderId);
    expect(guidance.context.orderId).toBe(late?.id);
    const verify = guidance.selection?.script.steps.find((s) => s.id === 'verify');
    const text = scriptTextToPlain(renderScriptText(verify?.text ?? '', guidance.context).lines);
    expect(text).toContain(late?.orderNumber);
    // The delay coupon fits her delay; relevant actions come first.
    const coupon = guidance.actions.find((a) => a.kind === 'delay_coupon');
    expect(coupon).toMatchObject({ allowed: true, relevant: true });
    expect(guidance.actions.findIndex((a) => !a.relevant)).toBeGreaterThan(
      guidance.actions.indexOf(coupon ?? guidance.actions[0]!),
    );
    expect(guidance.harassmentPolicy?.kind).toBe('harassment_protocol');
  });

  it('reads an English customer’s script in English, and falls back to the agent’s language', () => {
    const card = hanako();
    const english = { ...card, customer: { ...card.customer, language: 'en' as const } };
    expect(callGuidance(english, reference, options).selection?.script.language).toBe('en');
    const jaOnly = { ...reference, scripts: reference.scripts.filter((s) => s.language === 'ja') };
    const fallback = callGuidance(english, jaOnly, options);
    expect(fallback.selection?.script.language).toBe('ja');
    expect(fallback.callLanguage).toBe('ja');
  });

  it('gives a caller Koe does not know the general script, with only the agent and retailer', () => {
    const guidance = callGuidance(null, reference, { ...options, uiLanguage: 'en' });
    expect(guidance.selection?.match).toBe('general');
    expect(guidance.selection?.script.language).toBe('en');
    expect(guidance.reasons).toEqual([]);
    expect(guidance.actions).toEqual([]);
    const greet = guidance.selection?.script.steps[0];
    const rendered = renderScriptText(greet?.text ?? '', guidance.context);
    expect(rendered.missing).toEqual([]);
    expect(scriptTextToPlain(rendered.lines)).toContain('山田');
    // Without an agent name the gap shows as a placeholder, never as "undefined".
    const nameless = callGuidance(null, reference, { ...options, agentName: '' });
    const again = renderScriptText(
      nameless.selection?.script.steps[0]?.text ?? '',
      nameless.context,
    );
    expect(again.missing).toEqual(['agent.name']);
    expect(scriptTextToPlain(again.lines)).not.toContain('undefined');
  });

  it('replays the steps taken, and stops where a path no longer fits the script', () => {
    const guidance = callGuidance(hanako(), reference, options);
    const script = guidance.selection?.script;
    if (!script) throw new Error('no script');
    expect(runnerFromPath(script, [])?.current.id).toBe('greet');
    const runner = runnerFromPath(script, ['greet', 'verify', 'status', 'late']);
    expect(runner?.current.id).toBe('late');
    expect(runner?.path).toEqual(['greet', 'verify', 'status', 'late']);
    expect(runnerFromPath(script, ['greet', 'verify', 'gone', 'late'])?.current.id).toBe('verify');
    expect(runnerFromPath(script, ['other-script-step'])?.current.id).toBe('greet');
  });
});
