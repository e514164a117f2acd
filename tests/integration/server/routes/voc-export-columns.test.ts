import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import {
  parseCsvItemParts,
  parseCsvList,
  VOC_EXPORT_CSV_COLUMNS,
  vocExportRow,
} from '../../../../src/shared/protocol/voc-export';
import { vocFor } from '../../../fixtures/retailer-records';
import { parseCsv } from './csv-parse';
import {
  call,
  reportOutreachCalls,
  signIn,
  startTestServer,
  type TestServer,
} from '../../../fixtures/test-server';
import { describeEachDatabase } from '../../../fixtures/test-database';

/**
 * The CSV export's columns for the VoC record's later optional fields (contact type, outreach
 * outcome, script steps, next-best-actions, risk signals and their reasons) say what the NDJSON
 * export says, record by record — ids with the list separators in them included.
 */
const X = 'retailer-a-center-x';

describeEachDatabase('VoC export columns on $name', ({ postgres }) => {
  let server: TestServer;
  let admin: string;
  const x = (o: Partial<VocRecord>) => vocFor(`${X}-agent`, X, o);
  const records: VocRecord[] = [
    x({
      contactType: 'proactive',
      outreachOutcome: 'reached',
      reasonCodes: ['delivery.late'],
      scriptSteps: ['greet', 'explain-delay', 'offer'],
      nextBestActions: ['delay_coupon'],
      riskSignals: [
        {
          signal: 'vip',
          score: null,
          threshold: null,
          action: 'instant_exchange',
          reasons: [{ code: 'tier', ja: 'VIP会員', en: 'VIP member' }],
        },
      ],
    }),
    x({
      reasonCodes: ['delivery.not_received'],
      scriptSteps: ['step;1', 'a:b', '100%', 'x, "y"'],
      nextBestActions: ['claim_verification', 'reship'],
      riskSignals: [
        {
          signal: 'claim_risk',
          score: 0.82,
          threshold: 0.7,
          action: 'verification_required',
          reasons: [
            {
              code: 'prior_claims',
              ja: '過去の未着申告 2 件',
              en: '2 earlier not-received claims',
            },
            { code: 'high_value', ja: '高額な注文', en: 'A high-value order' },
          ],
        },
        {
          signal: 'return_abuse',
          score: 0.1,
          threshold: 0.6,
          action: null,
          reasons: [],
        },
      ],
    }),
    // A record from before the optional fields existed.
    x({ reasonCodes: ['returns.request'] }),
  ];

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    const agent = await signIn(server.url, `agent@${X}.example`);
    // The proactive call's outcome is taken for a call the desk reported (outreach-calls.ts).
    const proactive = records.filter((r) => r.contactType === 'proactive');
    expect(await reportOutreachCalls(server.url, agent, proactive)).toBe(200);
    const reply = await call(server.url, agent, 'POST', '/v1/voc/batch', { records });
    expect(reply.status).toBe(200);
  });
  afterAll(() => server?.close());

  it('puts the optional fields in compact columns that agree with the NDJSON', async () => {
    const ndjson = (await get('/v1/voc/export'))
      .split('\n')
      .filter(Boolean)
      .map((line) => vocExportRow.parse(JSON.parse(line)));
    const [header, ...lines] = parseCsv((await get('/v1/voc/export?format=csv')).slice(1));
    expect(header).toEqual([...VOC_EXPORT_CSV_COLUMNS]);
    const csv = new Map(
      lines.map((l) => [l[0]!, Object.fromEntries(header!.map((h, i) => [h, l[i]!]))]),
    );
    expect(ndjson.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());

    for (const row of ndjson) {
      const cells = csv.get(row.id)!;
      expect(cells.contactType).toBe(row.contactType ?? 'inbound');
      expect(cells.outreachOutcome).toBe(row.outreachOutcome ?? '');
      expect(parseCsvList(cells.scriptSteps!)).toEqual(row.scriptSteps ?? []);
      expect(parseCsvList(cells.nextBestActions!)).toEqual(row.nextBestActions ?? []);
      expect(parseCsvItemParts(cells.riskSignals!)).toEqual(
        (row.riskSignals ?? []).map((s) => [
          s.signal,
          s.score === null ? '' : String(s.score),
          s.threshold === null ? '' : String(s.threshold),
          s.action ?? '',
        ]),
      );
      expect(parseCsvItemParts(cells.riskReasons!)).toEqual(
        (row.riskSignals ?? []).flatMap((s) => s.reasons.map((r) => [s.signal, r.code])),
      );
    }
  });

  it('reads as documented', async () => {
    const [header, ...lines] = parseCsv((await get('/v1/voc/export?format=csv')).slice(1));
    const cell = (id: string, column: string) =>
      lines.find((l) => l[0] === id)![header!.indexOf(column)];
    const [proactive, claim, old] = records as [VocRecord, VocRecord, VocRecord];
    expect(cell(proactive.id, 'scriptSteps')).toBe('greet;explain-delay;offer');
    expect(cell(proactive.id, 'riskSignals')).toBe('vip:::instant_exchange');
    expect(cell(claim.id, 'scriptSteps')).toBe('step%3B1;a%3Ab;100%25;x, "y"');
    expect(cell(claim.id, 'riskSignals')).toBe(
      'claim_risk:0.82:0.7:verification_required;return_abuse:0.1:0.6:',
    );
    expect(cell(claim.id, 'riskReasons')).toBe('claim_risk:prior_claims;claim_risk:high_value');
    for (const column of ['outreachOutcome', 'scriptSteps', 'riskSignals', 'riskReasons']) {
      expect(cell(old.id, column)).toBe('');
    }
    expect(cell(old.id, 'contactType')).toBe('inbound');
  });
});
