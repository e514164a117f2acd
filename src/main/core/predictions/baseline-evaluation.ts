import { dayOfIsoDate, jstDayOf } from '../../../shared/guidance/calendar';
import {
  carrierEstimateDayAsOf,
  carrierEstimateAtShip,
} from '../../../shared/guidance/carrier-estimate';
import {
  lateSignalBeforeDelivery,
  type RegionClosure,
} from '../../../shared/guidance/late-signals';
import { PREFECTURE_BY_NAME } from '../../../shared/demo/prefectures';
import { fitCallReasonModel, rankReasons, type FitOptions } from './call-reason-model';
import {
  deliverySignalsAt,
  fitDeliveryModel,
  summarize,
  transitDistribution,
  type TransitDistribution,
} from './delivery-estimate';
import type { ShipmentOutcome } from './evaluation-data';
import type { CallExample } from './prediction-data';
import { expectedCalibrationError } from './prediction-evaluation';

/**
 * The models against the baselines a reviewer would ask for, on data they were not fitted on.
 *
 * Delivery: the estimate made the moment the parcel shipped, against the retailer's order-time
 * promise and the carrier's own estimate at ship time (which also knows the ship day). Parcels
 * still undelivered past their promise at the data's `now` (lost, returned, still on the road)
 * count as misses: outside every range, with the least error they can have (today minus the
 * estimated day, when the estimate has already passed). Parcels still on the road within their
 * promise have no outcome yet and are left out.
 */
export interface MethodScore {
  /** Mean absolute error in days. */
  mae: number;
  /** Share on the exact day. */
  exact: number;
}

export interface DeliveryGroupScore {
  group: string;
  parcels: number;
  /** Of which undelivered past their promise (counted as misses). */
  overdueUndelivered: number;
  model: MethodScore & { coverage90: number; meanRangeDays: number };
  carrierAtShip: MethodScore;
  promise: MethodScore;
}

export interface DeliveryBaselineEvaluation {
  trainShipments: number;
  /** Parcels of the test span still within their promise: no outcome yet, not scored. */
  pending: number;
  /** Each test parcel estimated the moment it shipped. */
  groups: DeliveryGroupScore[];
  /**
   * The parcels not delivered by noon of their promised day, estimated then (the call "it did
   * not come"), with what the desk sees then; `carrierAtShip` is the carrier's estimate as its
   * tracking page shows it at that moment. Groups: all, late (delivered after the promised day
   * or never), and by the late signal seen (`signal:<name>`, `signal:none`).
   */
  atCall: DeliveryGroupScore[];
}

function timeSplit<T>(items: readonly T[], at: (t: T) => string, trainShare: number) {
  const sorted = [...items].sort((a, b) => at(a).localeCompare(at(b)));
  const cut = Math.floor(sorted.length * trainShare);
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

const regionOf = (prefecture: string) => PREFECTURE_BY_NAME.get(prefecture)?.region ?? 'other';

interface Tally {
  n: number;
  overdue: number;
  err: [number, number, number];
  exact: [number, number, number];
  covered: number;
  width: number;
}

const emptyTally = (): Tally => ({
  n: 0,
  overdue: 0,
  err: [0, 0, 0],
  exact: [0, 0, 0],
  covered: 0,
  width: 0,
});

export function evaluateDeliveryBaselines(
  outcomes: readonly ShipmentOutcome[],
  now: number,
  trainShare = 0.8,
  closures: readonly RegionClosure[] = [],
): DeliveryBaselineEvaluation {
  const nowDay = jstDayOf(now) as number;
  const { train, test } = timeSplit(outcomes, (s) => s.shippedAt, trainShare);
  const delivered = train
    .filter((s): s is ShipmentOutcome & { deliveredAt: string } => s.deliveredAt !== null)
    .map((s) => ({ ...s, lateSignal: lateSignalBeforeDelivery(s.events) }));
  const model = fitDeliveryModel(delivered, new Date(train[train.length - 1]?.shippedAt ?? 0));
  const atShip = new Tallies();
  const atCall = new Tallies();
  let pending = 0;
  for (const s of test) {
    const promised = dayOfIsoDate(s.promisedDate);
    const carrier = carrierEstimateAtShip(s.shippedAt, s.placedAt, s.promisedDate);
    const shippedMs = Date.parse(s.shippedAt);
    const atShipSignals = deliverySignalsAt({ ...s, events: [] }, shippedMs, closures);
    const d = transitDistribution(
      model,
      {
        ...s,
        delayReported: false,
        lateSignal: null,
        closedUntilDay: atShipSignals.closedUntilDay,
      },
      shippedMs,
    );
    if (promised === null || carrier === null || !d) continue;
    const deliveredDay = s.deliveredAt === null ? null : jstDayOf(s.deliveredAt);
    const overdue = deliveredDay === null && (s.status === 'lost' || nowDay > promised);
    if (deliveredDay === null && !overdue) {
      pending++;
      continue;
    }
    const outcome = { deliveredDay, nowDay, overdue };
    const groups = ['all', `carrier:${s.carrier}`, `region:${regionOf(s.destination)}`];
    if (s.delayReported || s.status === 'delayed') groups.push('delayed');
    atShip.add(groups, outcome, d, carrier, promised);

    // The call "it did not come": noon of the promised day, the parcel not delivered by then.
    const callMs = promised * 86_400_000 + CALL_HOUR_UTC_MS;
    if (callMs <= shippedMs || callMs > now) continue;
    if (s.deliveredAt !== null && Date.parse(s.deliveredAt) <= callMs) continue;
    const visible = s.events.filter((e) => Date.parse(e.occurredAt) <= callMs);
    const signals = deliverySignalsAt({ ...s, events: visible }, callMs, closures);
    const delayScan = visible.some((e) => e.status === 'delayed');
    const lateSignal = signals.lateSignal ?? (delayScan ? 'delay_scan' : null);
    const c = transitDistribution(
      model,
      { ...s, delayReported: delayScan, lateSignal, closedUntilDay: signals.closedUntilDay },
      callMs,
    );
    if (!c) continue;
    const carrierAtCall = carrierEstimateDayAsOf(carrier, visible, callMs);
    const late = deliveredDay === null || deliveredDay > promised;
    const callGroups = ['all', `signal:${lateSignal ?? 'none'}`];
    if (late) callGroups.push('late');
    atCall.add(callGroups, outcome, c, carrierAtCall, promised);
  }
  return {
    trainShipments: delivered.length,
    pending,
    groups: atShip.scores(),
    atCall: atCall.scores(),
  };
}

/** Noon JST of a JST day, from the day's UTC midnight (JST midnight is 9 hours before it). */
const CALL_HOUR_UTC_MS = (12 - 9) * 3_600_000;

class Tallies {
  private readonly byGroup = new Map<string, Tally>();

  add(
    groups: readonly string[],
    outcome: { deliveredDay: number | null; nowDay: number; overdue: boolean },
    d: TransitDistribution,
    carrier: number,
    promised: number,
  ): void {
    const { deliveredDay, nowDay, overdue } = outcome;
    const sum = summarize(d);
    const estimate = d.shipDay + sum.days;
    const [low, high] = [d.shipDay + sum.lowDays, d.shipDay + sum.highDays];
    const error = (day: number) =>
      deliveredDay === null ? Math.max(0, nowDay - day) : Math.abs(day - deliveredDay);
    for (const g of groups) {
      let t = this.byGroup.get(g);
      if (!t) this.byGroup.set(g, (t = emptyTally()));
      t.n++;
      if (overdue) t.overdue++;
      [estimate, carrier, promised].forEach((day, i) => {
        t.err[i]! += error(day);
        if (deliveredDay === day) t.exact[i]! += 1;
      });
      if (deliveredDay !== null && low <= deliveredDay && deliveredDay <= high) t.covered++;
      t.width += high - low + 1;
    }
  }

  scores(): DeliveryGroupScore[] {
    const groups = [...this.byGroup.entries()].map(([group, t]): DeliveryGroupScore => {
      const per = (x: number) => x / t.n;
      return {
        group,
        parcels: t.n,
        overdueUndelivered: t.overdue,
        model: {
          mae: per(t.err[0]),
          exact: per(t.exact[0]),
          coverage90: per(t.covered),
          meanRangeDays: per(t.width),
        },
        carrierAtShip: { mae: per(t.err[1]), exact: per(t.exact[1]) },
        promise: { mae: per(t.err[2]), exact: per(t.exact[2]) },
      };
    });
    const order = (g: string) => (g === 'all' ? 0 : g === 'delayed' || g === 'late' ? 1 : 2);
    groups.sort((a, b) => order(a.group) - order(b.group) || a.group.localeCompare(b.group));
    return groups;
  }
}

/**
 * Call reasons: every method ranks the reasons and gives each a probability, scored on the
 * same held-out calls by top-1, top-3, log loss and the ECE of its top probability.
 * - majority: the training calls' reasons, most frequent first;
 * - rules + fill: the rules' candidates (likely-reason.ts), then the most frequent reasons;
 * - open issue + fill: the customer's open issues, newest first (open-issues.ts), then the same;
 * - model: the call-reason model at its fitted temperature.
 * A ranking has no probabilities of its own: each rank gets the share of training calls whose
 * reason was at that rank of the same method, the rest spread evenly (so the baselines are
 * calibrated as well as their ranks allow, and their log loss is fair).
 */
export interface ReasonMethodScore {
  top1: number;
  top3: number;
  logLoss: number;
  ece: number;
}

export interface ReasonBaselineEvaluation {
  split: 'time' | 'new_customers';
  trainCalls: number;
  testCalls: number;
  /** Share of test calls the rules had no candidate for. */
  rulesSilent: number;
  majority: ReasonMethodScore;
  rulesFill: ReasonMethodScore;
  openIssueFill: ReasonMethodScore;
  model: ReasonMethodScore;
  temperature: number;
}

/** Probabilities below this are scored as this: one unseen reason cannot make the loss infinite. */
export const LOG_LOSS_FLOOR = 1e-4;

type Ranker = (call: CallExample) => string[];

function byFrequency(calls: readonly CallExample[]): string[] {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.reasonCode, (counts.get(c.reasonCode) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
}

function filled(first: readonly string[], frequent: readonly string[]): string[] {
  return [...new Set([...first, ...frequent])];
}

/** The probability of each rank, learned from how often the training calls' reason sat there. */
function rankProbabilities(train: readonly CallExample[], rank: Ranker, labels: number): number[] {
  const hits = new Array<number>(labels + 1).fill(0);
  for (const c of train) {
    const at = rank(c).indexOf(c.reasonCode);
    hits[at < 0 ? labels : Math.min(at, labels)]! += 1;
  }
  // Laplace smoothing keeps every rank possible.
  const total = train.length + labels + 1;
  return hits.map((h) => (h + 1) / total);
}

function scoreMethod(
  test: readonly CallExample[],
  distribution: (call: CallExample) => { ranked: string[]; probability: (code: string) => number },
): ReasonMethodScore {
  let top1 = 0;
  let top3 = 0;
  let loss = 0;
  const points: { p: number; hit: boolean }[] = [];
  for (const c of test) {
    const { ranked, probability } = distribution(c);
    const hit = ranked[0] === c.reasonCode;
    if (hit) top1++;
    if (ranked.slice(0, 3).includes(c.reasonCode)) top3++;
    loss -= Math.log(Math.max(LOG_LOSS_FLOOR, probability(c.reasonCode)));
    points.push({ p: ranked[0] === undefined ? 0 : probability(ranked[0]), hit });
  }
  const n = test.length || 1;
  return {
    top1: top1 / n,
    top3: top3 / n,
    logLoss: loss / n,
    ece: expectedCalibrationError(points).ece,
  };
}

function rankedMethod(train: readonly CallExample[], rank: Ranker, labels: number) {
  const perRank = rankProbabilities(train, rank, labels);
  const unranked = perRank[labels] as number;
  return (call: CallExample) => {
    const ranked = rank(call).slice(0, labels);
    const at = new Map(ranked.map((code, i) => [code, i]));
    // The leftover mass, spread over the reasons outside the ranking (at least one share).
    const outside = Math.max(1, labels - ranked.length);
    return {
      ranked,
      probability: (code: string) => {
        const i = at.get(code);
        return i === undefined ? unranked / outside : (perRank[i] as number);
      },
    };
  };
}

/** A stable hash of an id to [0, 1): which customers are held out in the new-customer split. */
function unitHash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

export function evaluateReasonBaselines(
  examples: readonly CallExample[],
  split: 'time' | 'new_customers',
  trainShare = 0.8,
  options: FitOptions = {},
): ReasonBaselineEvaluation | null {
  const sorted = [...examples].sort((a, b) => a.at.localeCompare(b.at));
  const { train, test } =
    split === 'time'
      ? timeSplit(sorted, (e) => e.at, trainShare)
      : {
          train: sorted.filter((e) => unitHash(e.customerId) < trainShare),
          test: sorted.filter((e) => unitHash(e.customerId) >= trainShare),
        };
  const model = fitCallReasonModel(train, options);
  if (!model || test.length === 0) return null;
  const frequent = byFrequency(train);
  const labels = frequent.length;
  const majority = rankedMethod(train, () => frequent, labels);
  const rules = rankedMethod(
    train,
    (c) =>
      filled(
        c.rules.map((r) => r.reasonCode),
        frequent,
      ),
    labels,
  );
  const openIssue = rankedMethod(train, (c) => filled(c.openIssues, frequent), labels);
  return {
    split,
    trainCalls: train.length,
    testCalls: test.length,
    rulesSilent: test.filter((c) => c.rules.length === 0).length / test.length,
    majority: scoreMethod(test, majority),
    rulesFill: scoreMethod(test, rules),
    openIssueFill: scoreMethod(test, openIssue),
    model: scoreMethod(test, (c) => {
      const ranked = rankReasons(model, c.facts);
      const p = new Map(ranked.map((r) => [r.reasonCode, r.probability]));
      return { ranked: ranked.map((r) => r.reasonCode), probability: (code) => p.get(code) ?? 0 };
    }),
    temperature: model.temperature,
  };
}
