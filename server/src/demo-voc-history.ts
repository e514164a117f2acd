import type { VocRecord } from '../../src/shared/domain/voc';
import { Random } from '../../src/shared/demo/random';
import { reasonTaxonomy } from '../../src/shared/demo/taxonomy';
import type { RetailerRecord } from '../../src/shared/protocol/records';
import { uuidV7 } from '../../src/shared/uuid-v7';
import { createHash } from 'node:crypto';
import { canonicalJson } from './data/voc-ingest';
import type { ServerDb } from './db/schema';

/** What the history needs to know of the demo retailer's orders, gathered while seeding. */
export interface DemoOrderRef {
  id: string;
  customerId: string;
  carrier: string | null;
  delayed: boolean;
}

export function collectOrderRefs(
  batch: readonly RetailerRecord[],
  into: Map<string, DemoOrderRef>,
) {
  for (const r of batch) {
    if (r.type === 'order') {
      const known = into.get(r.data.id);
      into.set(r.data.id, {
        id: r.data.id,
        customerId: r.data.customerId,
        carrier: known?.carrier ?? null,
        delayed: known?.delayed ?? false,
      });
    } else if (r.type === 'shipment') {
      const order = into.get(r.data.orderId);
      if (order && order.carrier === null) {
        order.carrier = r.data.carrier;
        order.delayed = r.data.status === 'delayed' || r.data.status === 'lost';
      }
    }
  }
}

const WEEKS = 8;
const DAY_MS = 86_400_000;

/** Call drivers and their base weights; delivery problems dominate, as at most retailers. */
const REASONS: readonly [code: string, weight: number][] = [
  ['delivery.wismo', 16],
  ['delivery.late', 12],
  ['delivery.not_received', 5],
  ['delivery.damaged', 4],
  ['delivery.change', 6],
  ['returns.request', 8],
  ['returns.refund', 6],
  ['returns.status', 4],
  ['order.cancel', 6],
  ['order.change', 4],
  ['product.question', 7],
  ['product.defect', 5],
  ['billing.payment', 4],
  ['billing.double_charge', 2],
  ['account.login', 3],
];

const WORDS: Record<string, readonly string[]> = {
  'delivery.wismo': [
    '注文した荷物が今どこにあるのか知りたいです。',
    '追跡番号で調べても「発送準備中」のままです。',
    'いつ届くのか教えてもらえますか。週末は留守にします。',
  ],
  'delivery.late': [
    'お届け予定日を3日過ぎてもまだ届きません。',
    '誕生日プレゼントなのに間に合わないかもしれません、どうなっていますか。',
    '配送業者に聞いたら販売店に聞いてくれと言われました。',
  ],
  'delivery.not_received': [
    '配達完了になっているのに荷物が見当たりません。',
    '宅配ボックスにも入っていませんでした。',
  ],
  'delivery.damaged': ['箱がつぶれていて中の器が割れていました。', '届いた商品が濡れていました。'],
  'delivery.change': ['配達日を来週の土曜日に変更したいです。', '時間指定を夜にできますか。'],
  'returns.request': ['サイズが合わなかったので返品したいです。', '色がイメージと違いました。'],
  'returns.refund': [
    '返品して2週間経ちますが返金がまだです。',
    'クレジットカードへの返金はいつになりますか。',
  ],
  'returns.status': ['返品した商品は届いていますか。'],
  'order.cancel': ['間違えて二重に注文してしまったので片方キャンセルしたいです。'],
  'order.change': ['注文の個数を2個から3個に変えたいです。'],
  'product.question': ['この炊飯器は5合炊きですか。', 'タオルは乾燥機にかけても大丈夫ですか。'],
  'product.defect': [
    '電源が入りません。初期不良だと思います。',
    '一度使っただけで取っ手が取れました。',
  ],
  'billing.payment': ['コンビニ払いの期限が過ぎてしまいました。'],
  'billing.double_charge': ['同じ注文で2回請求されています。'],
  'account.login': ['パスワードを再設定してもログインできません。'],
};

const AVOIDABLE = new Map(reasonTaxonomy().map((n) => [n.code, n.avoidableDefault]));

/**
 * Eight weeks of plausible VoC for the demo retailer, generated as a process: weekday volume
 * above weekends; a carrier delay (佐川) that makes late-delivery calls spike in weeks 3–5;
 * proactive delay notices from week 5 that take "where is my order" calls away and leave the
 * late-delivery calls easier to resolve; predictions right about three times in four; a few
 * harassment incidents.
 * Deterministic for a seed; timestamps end at `now`, so the insights' default window shows them.
 */
export function generateDemoVocHistory(
  orders: readonly DemoOrderRef[],
  now: Date,
  seed = 20261123,
): { record: VocRecord; receivedAt: string }[] {
  const random = new Random(seed);
  const withShipment = orders.filter((o) => o.carrier !== null);
  const delayedSagawa = withShipment.filter((o) => o.carrier === 'sagawa');
  const start = Math.floor(now.getTime() / DAY_MS) * DAY_MS - WEEKS * 7 * DAY_MS;
  const out: { record: VocRecord; receivedAt: string }[] = [];
  for (let day = 0; day < WEEKS * 7; day++) {
    const dayStart = start + day * DAY_MS;
    const week = Math.floor(day / 7);
    const weekday = new Date(dayStart).getUTCDay();
    const volume = Math.round(
      (weekday === 0 || weekday === 6 ? 14 : 30) * (0.85 + random.next() * 0.3),
    );
    const spike = week >= 2 && week <= 4;
    // From week 5 the retailer sends proactive delay notices: fewer, calmer late-delivery calls.
    const noticesSent = week >= 4;
    for (let i = 0; i < volume; i++) {
      const reason = pickReason(random, spike, noticesSent);
      const delivery = reason.startsWith('delivery.');
      const order =
        delivery && spike && random.chance(0.5) && delayedSagawa.length
          ? random.pick(delayedSagawa)
          : delivery || reason.startsWith('returns.') || reason.startsWith('product.')
            ? random.pick(withShipment.length ? withShipment : orders)
            : random.chance(0.6)
              ? random.pick(orders)
              : null;
      const tokyo = random.chance(0.6);
      const centerId = tokyo ? 'center-tokyo' : 'center-osaka';
      const lateScript = reason === 'delivery.late' || reason === 'delivery.wismo';
      const scriptId = lateScript
        ? 'script-wismo-late-ja'
        : reason === 'delivery.not_received'
          ? 'script-not-received-ja'
          : reason.startsWith('returns.')
            ? 'script-return-refund-ja'
            : 'script-greeting-ja';
      // Only the versions the demo retailer has published (1): a trainer's first publish in the
      // demo is version 2, and its calls must not be mixed up with invented history.
      const scriptVersion = 1;
      const better = lateScript && noticesSent;
      const resolutionRoll = random.next();
      const resolution =
        resolutionRoll < (better ? 0.84 : 0.66)
          ? 'resolved'
          : resolutionRoll < (better ? 0.92 : 0.84)
            ? 'callback'
            : 'escalated';
      const sentimentRoll = random.next();
      const negativeShare = delivery ? (better ? 0.35 : 0.55) : 0.25;
      const sentiment =
        sentimentRoll < negativeShare
          ? 'negative'
          : sentimentRoll < negativeShare + 0.4
            ? 'neutral'
            : 'positive';
      const predictionRoll = random.next();
      const predictedReason =
        predictionRoll < 0.08
          ? null
          : predictionRoll < 0.8
            ? reason
            : pickReason(random, spike, noticesSent);
      const startedAt =
        dayStart + (9 * 3600 + Math.floor(random.next() * 9 * 3600)) * 1000 - 9 * 3600_000;
      const talk = (120 + Math.floor(random.next() * 480)) * 1000;
      const acw = Math.max(
        15,
        Math.round(
          (better ? 70 : 110) + random.normal() * 30 + (resolution === 'escalated' ? 60 : 0),
        ),
      );
      const harassed = random.chance(0.012);
      const ended = startedAt + talk;
      const saved = ended + acw * 1000;
      const receivedAt = new Date(Math.min(saved + 2_000, now.getTime() - 60_000)).toISOString();
      out.push({
        receivedAt,
        record: {
          id: uuidV7(saved, (bytes) => {
            for (let b = 0; b < bytes.length; b++) bytes[b] = random.int(0, 255);
            return bytes;
          }),
          callId: `demo-call-${day}-${i}`,
          agentId: tokyo ? 'agent-tokyo-1' : 'agent-osaka-1',
          centerId,
          customerId: order?.customerId ?? null,
          orderId: order?.id ?? null,
          reasonCodes: harassed ? [reason, 'conduct.harassment'] : [reason],
          predictedReason,
          sentiment: harassed ? 'negative' : sentiment,
          resolution,
          avoidable: AVOIDABLE.get(reason) ?? false,
          customerWords: random.pick(WORDS[reason] ?? ['']),
          scriptId,
          scriptVersion,
          harassment: harassed
            ? {
                flaggedAt: new Date(startedAt + talk / 2).toISOString(),
                warningsGiven: random.int(1, 2),
                callTerminated: random.chance(0.4),
                note: '大声での威圧的な発言が続いた',
              }
            : null,
          startedAt: new Date(startedAt).toISOString(),
          endedAt: new Date(ended).toISOString(),
          savedAt: new Date(saved).toISOString(),
          afterCallWorkSeconds: acw,
          revision: 1,
        },
      });
    }
  }
  return out;
}

function pickReason(random: Random, spike: boolean, noticesSent: boolean): string {
  const weights = REASONS.map(([code, w]): [string, number] => {
    if (code === 'delivery.late' && spike) return [code, w * 2.6];
    // Proactive delay notices take "where is my order" calls away.
    if (code === 'delivery.wismo' && noticesSent) return [code, w * 0.6];
    return [code, w];
  });
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let roll = random.next() * total;
  for (const [code, w] of weights) {
    roll -= w;
    if (roll < 0) return code;
  }
  return weights[weights.length - 1]![0];
}

/** Stores the history as if the demo agents had pushed it. */
export async function insertDemoVocHistory(
  db: ServerDb,
  tenantId: string,
  rows: readonly { record: VocRecord; receivedAt: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('voc_records')
      .values(
        rows.slice(i, i + 500).map(({ record, receivedAt }) => ({
          tenant_id: tenantId,
          id: record.id,
          center_id: record.centerId,
          agent_id: record.agentId,
          // As ingest hashes revision 1: a replay of the same record is a duplicate.
          content_hash: createHash('sha256')
            .update(canonicalJson(record, 'revision'))
            .digest('hex'),
          data: JSON.stringify(record),
          received_at: receivedAt,
        })),
      )
      .execute();
  }
}
