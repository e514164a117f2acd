import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import { demoScriptVersions } from '../../../../src/shared/demo/scripts';
import {
  buildScriptContext,
  lintScriptText,
  renderScriptText,
  SCRIPT_VARIABLES,
  scriptTextToPlain,
  type ScriptContext,
} from '../../../../src/shared/guidance';
import {
  card,
  customer,
  featuredCards,
  NOW,
  order,
  returnRequest,
  shipment,
} from '../../../fixtures/guidance-fixtures';

const options = { agentName: '高橋', retailerName: 'こえマート', locale: 'ja' as const, now: NOW };

function plain(text: string, ctx: ScriptContext): string {
  return scriptTextToPlain(renderScriptText(text, ctx).lines);
}

describe('buildScriptContext', () => {
  it('fills the customer, agent, retailer and the order that most likely matters', () => {
    const c = card({
      orders: [
        order({ id: 'ord-new', orderNumber: 'KO-NEW', placedAt: '2026-11-20T10:00:00+09:00' }),
        order({ id: 'ord-late', orderNumber: 'KO-LATE', placedAt: '2026-11-10T10:00:00+09:00' }),
      ],
      shipments: [
        shipment({ id: 's-new', orderId: 'ord-new', promisedDate: '2026-11-26' }),
        shipment({
          id: 's-late',
          orderId: 'ord-late',
          promisedDate: '2026-11-20',
          estimatedDate: '2026-11-24',
          status: 'delayed',
        }),
      ],
    });
    const ctx = buildScriptContext(c, options);
    expect(ctx.orderId).toBe('ord-late');
    expect(plain('{{customer.name}}様、{{agent.name}}（{{retailer.name}}）', ctx)).toBe(
      '山田 太郎様、高橋（こえマート）',
    );
    expect(plain('{{order.number}} {{shipment.carrier}} {{shipment.daysLate}}', ctx)).toBe(
      'KO-LATE ヤマト運輸 3',
    );
  });

  it('falls back to the latest order, and honours an order the agent picked', () => {
    const c = card({
      orders: [
        order({ id: 'a', orderNumber: 'KO-A', placedAt: '2026-11-20T10:00:00+09:00' }),
        order({ id: 'b', orderNumber: 'KO-B', placedAt: '2026-11-01T10:00:00+09:00' }),
      ],
    });
    expect(buildScriptContext(c, options).orderId).toBe('a');
    expect(buildScriptContext(c, { ...options, orderId: 'b' }).orderId).toBe('b');
  });

  it('writes English names given-name first', () => {
    const c = card({
      customer: customer({ familyName: 'Carter', givenName: 'Emily', language: 'en' }),
    });
    const ctx = buildScriptContext(c, { ...options, locale: 'en' });
    expect(plain('Hello {{customer.name}}', ctx)).toBe('Hello Emily Carter');
  });
});

describe('filters', () => {
  const c = card({
    orders: [order()],
    shipments: [shipment({ promisedDate: '2026-11-24', deliveredAt: null })],
    returns: [returnRequest({ amount: 12_800 })],
  });

  it('date is locale-aware; the year shows only when it differs', () => {
    expect(plain('{{shipment.promisedDate | date}}', buildScriptContext(c, options))).toBe(
      '11月24日',
    );
    const en = buildScriptContext(c, { ...options, locale: 'en' });
    expect(plain('{{shipment.promisedDate | date}}', en)).toBe('Nov 24');
    const nextYear = buildScriptContext(c, { ...options, now: '2027-01-05T09:00:00+09:00' });
    expect(plain('{{shipment.promisedDate | date}}', nextYear)).toBe('2026年11月24日');
  });

  it('yen and money format with Intl; upper; default only when missing', () => {
    const ja = buildScriptContext(c, options);
    const en = buildScriptContext(c, { ...options, locale: 'en' });
    expect(plain('{{return.amount | yen}}', ja)).toBe('12,800円');
    expect(plain('{{return.amount | money}}', en)).toBe('¥12,800');
    expect(plain('{{shipment.trackingNumber | upper}}', ja)).toBe('123456789012');
    expect(plain('{{retailer.name | upper}}', en)).toBe('こえマート');
    expect(plain('{{claim.type | default:"未申告"}}', ja)).toBe('未申告');
    expect(plain("{{order.number | default:'x'}}", ja)).toBe('KO-2611-0000001');
    const r = renderScriptText('{{claim.type | default:"なし"}}', ja);
    expect(r.lines[0]?.segments[0]).toMatchObject({ kind: 'variable', fallback: true });
    expect(r.missing).toEqual([]);
  });

  it('statuses read as words, not codes', () => {
    expect(plain('{{return.status}}/{{return.refundStatus}}', buildScriptContext(c, options))).toBe(
      '受領済み/未処理',
    );
  });
});

describe('missing data', () => {
  it('renders a missing segment with the variable name, never undefined or null', () => {
    const ctx = buildScriptContext(card(), options);
    const r = renderScriptText(
      'ご注文 {{order.number}} は {{shipment.carrier}}、{{nope.nothing | date}} {{return.amount | yen}}',
      ctx,
    );
    expect(r.missing).toEqual([
      'order.number',
      'shipment.carrier',
      'nope.nothing',
      'return.amount',
    ]);
    const segs = r.lines.flatMap((l) => l.segments);
    expect(segs.filter((s) => s.kind === 'missing').map((s) => s.name)).toEqual(r.missing);
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/undefined|null|NaN/);
  });

  it('every demo script step renders for every featured customer without undefined/null/NaN', () => {
    const scripts = demoScriptVersions(Date.parse('2026-10-24T00:00:00Z'));
    for (const c of featuredCards().values()) {
      for (const locale of ['ja', 'en'] as const) {
        const ctx = buildScriptContext(c, { ...options, locale });
        for (const script of scripts) {
          for (const step of script.steps) {
            const text = plain(step.text, ctx);
            expect(text).not.toMatch(/undefined|null|NaN|\{\{|\}\}/);
          }
        }
      }
    }
  });

  it('fills the late-delivery script for 佐藤 花子', () => {
    const sato = featuredCards().get(DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId);
    if (!sato) throw new Error('no featured customer');
    const ctx = buildScriptContext(sato, options);
    expect(ctx.orderId).toBe(DEMO_FEATURED_CUSTOMERS.lateDelivery.orderId);
    const late = demoScriptVersions(0)
      .find((s) => s.scriptId === 'script-wismo-late-ja')
      ?.steps.find((s) => s.id === 'late');
    const r = renderScriptText(late?.text ?? '', ctx);
    expect(r.missing).toEqual([]);
    expect(scriptTextToPlain(r.lines)).toBe(
      'お約束していた 11月20日 より 3 日遅れており、大変申し訳ございません。現在のお届け予定は 11月24日 です。',
    );
  });
});

describe('hostile script content stays inert text', () => {
  const ctx = buildScriptContext(card({ orders: [order()] }), options);

  it('HTML and javascript: links are plain text segments', () => {
    const body =
      '<img src=x onerror="alert(1)"><script>alert(2)</script>[click](javascript:alert(3))';
    const r = renderScriptText(body, ctx);
    expect(r.lines).toEqual([
      { kind: 'paragraph', segments: [{ kind: 'text', text: body, bold: false }] },
    ]);
  });

  it('prototype names never resolve', () => {
    const r = renderScriptText(
      '{{constructor}} {{__proto__.x}} {{toString}} {{order.constructor}} {{hasOwnProperty}}',
      ctx,
    );
    expect(r.missing).toEqual([
      'constructor',
      '__proto__.x',
      'toString',
      'order.constructor',
      'hasOwnProperty',
    ]);
    expect(JSON.stringify(r)).not.toMatch(/function|native code|\[object/);
  });

  it('a malformed placeholder is a missing segment showing its text', () => {
    const r = renderScriptText('{{ <b>x</b> }} {{}}', ctx);
    expect(r.lines[0]?.segments[0]).toEqual({ kind: 'missing', name: '<b>x</b>', bold: false });
  });

  it('a value that looks like markup or a placeholder is not re-parsed', () => {
    const c = card({ customer: customer({ familyName: '**<b>{{agent.name}}', givenName: '' }) });
    const r = renderScriptText('{{customer.name}}', buildScriptContext(c, options));
    expect(r.lines[0]?.segments).toEqual([
      {
        kind: 'variable',
        name: 'customer.name',
        text: '**<b>{{agent.name}}',
        bold: false,
        fallback: false,
      },
    ]);
  });
});

describe('minimal Markdown', () => {
  const ctx = buildScriptContext(card({ orders: [order()] }), options);

  it('bold spans, including variables inside them', () => {
    const r = renderScriptText('**本人確認**：{{order.number}} と **{{customer.name}}様**', ctx);
    expect(r.lines[0]?.segments).toEqual([
      { kind: 'text', text: '本人確認', bold: true },
      { kind: 'text', text: '：', bold: false },
      {
        kind: 'variable',
        name: 'order.number',
        text: 'KO-2611-0000001',
        bold: false,
        fallback: false,
      },
      { kind: 'text', text: ' と ', bold: false },
      { kind: 'variable', name: 'customer.name', text: '山田 太郎', bold: true, fallback: false },
      { kind: 'text', text: '様', bold: true },
    ]);
  });

  it('an unpaired ** stays literal', () => {
    const r = renderScriptText('**太字** と 2 ** 3', ctx);
    expect(r.lines[0]?.segments).toEqual([
      { kind: 'text', text: '太字', bold: true },
      { kind: 'text', text: ' と 2 ** 3', bold: false },
    ]);
  });

  it('line breaks and bullets are lines; blank runs collapse', () => {
    const r = renderScriptText('確認事項:\n- お名前\n- ご住所\n\n\n\n以上\n\n', ctx);
    expect(r.lines.map((l) => l.kind)).toEqual([
      'paragraph',
      'bullet',
      'bullet',
      'blank',
      'paragraph',
    ]);
    expect(scriptTextToPlain(r.lines)).toBe('確認事項:\n・お名前\n・ご住所\n\n以上');
  });
});

describe('lintScriptText', () => {
  it('reports unknown variables and filters and bad placeholders', () => {
    expect(
      lintScriptText(
        '{{order.number | date}} {{order.nmber}} {{x | shout}} {{ a b }}',
        SCRIPT_VARIABLES,
      ),
    ).toEqual([
      { kind: 'unknown_variable', name: 'order.nmber' },
      { kind: 'unknown_variable', name: 'x' },
      { kind: 'unknown_filter', name: 'x', filter: 'shout' },
      { kind: 'invalid_placeholder', text: 'a b' },
    ]);
  });

  it('the demo scripts use only known variables and filters', () => {
    for (const s of demoScriptVersions(0)) {
      for (const step of s.steps) expect(lintScriptText(step.text, SCRIPT_VARIABLES)).toEqual([]);
    }
  });
});
