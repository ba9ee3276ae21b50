import { contenderKey, type RowDefinition, type RowTarget } from './definitions.js';
import {
  medianFigures,
  perRoundRatios,
  type MedianFigures,
  type RoundMeasurement,
  type RoundResults,
} from './rounds.js';
import { isSettled, MEDIAN_CONFIDENCE, ratioSpread, type RatioSpread } from './spread.js';
import { TARGETS, verdict, type Verdict } from './targets.js';

/** One contender's figures over all its rounds. */
export interface ContenderResult {
  readonly scenario: string;
  readonly server: string;
  /** The server's name in the tables (`Fastify`, `floor`, ...). */
  readonly serverLabel: string;
  readonly role: 'app' | 'floor';
  /** What the server does per request (its definition's description). */
  readonly description: string;
  readonly load: string;
  readonly figures: MedianFigures;
  readonly rounds: RoundMeasurement[];
}

/** How a row came out. Information rows have no target: `info`, flagged when unsettled. */
export type RowStatus = 'PASS' | 'FAIL' | 'UNSETTLED' | 'info' | 'info, UNSETTLED';

/** One row of the result table: app vs floor, the ratio with its spread, and the verdict. */
export interface RowResult {
  readonly scenario: string;
  /** Contender keys (`identity:read`, `floor:read-no-auth`). */
  readonly app: string;
  readonly floor: string;
  readonly appLabel: string;
  readonly floorLabel: string;
  readonly target?: RowTarget;
  /** The per-round ratios app req/s ÷ floor req/s, and their summary. */
  readonly perRound: { round: number; ratio: number }[];
  readonly ratio: RatioSpread;
  /** Whether the spread of the ratio is under the limit (with enough rounds). */
  readonly settled: boolean;
  readonly status: RowStatus;
  /** Target rows: every check, the spread included (a ratio that did not settle fails it). */
  readonly verdict?: Verdict;
}

/** The default run's results: every contender and every row. */
export interface Comparison {
  readonly contenders: Record<string, ContenderResult>;
  readonly rows: RowResult[];
  /** The largest round number run. */
  readonly rounds: number;
}

/** The rows' name in messages: `GET Express vs floor+auth`. */
export function rowName(row: Pick<RowResult, 'scenario' | 'appLabel' | 'floorLabel'>): string {
  return `${row.scenario} ${row.appLabel} vs ${row.floorLabel}`;
}

/** The figures of the rounds, for the rows given. */
export function compareRows(rows: readonly RowDefinition[], results: RoundResults): Comparison {
  const contenders: Record<string, ContenderResult> = {};
  for (const row of rows) {
    for (const ref of [row.app, row.floor]) {
      const key = contenderKey(ref);
      const rounds = results[key] ?? [];
      contenders[key] ??= {
        scenario: row.scenario,
        server: ref.server.id,
        serverLabel: ref.server.label,
        role: ref.server.role,
        description: ref.server.description,
        load: ref.load.id,
        figures: medianFigures(rounds),
        rounds,
      };
    }
  }
  const rowResults = rows.map((row) =>
    rowResult(row, contenders[contenderKey(row.app)], contenders[contenderKey(row.floor)]),
  );
  const rounds = Math.max(0, ...Object.values(results).flatMap((list) => list.map((m) => m.round)));
  return { contenders, rows: rowResults, rounds };
}

/** The contenders of rows whose ratio has not settled yet: what another round should measure. */
export function unsettledContenders(
  rows: readonly RowDefinition[],
  results: RoundResults,
): Set<string> {
  const wanted = new Set<string>();
  for (const row of rows) {
    const app = contenderKey(row.app);
    const floor = contenderKey(row.floor);
    const ratios = perRoundRatios(results[app] ?? [], results[floor] ?? []);
    if (!isSettled(ratioSpread(ratios.map((r) => r.ratio)), TARGETS.maxRatioSpread)) {
      wanted.add(app).add(floor);
    }
  }
  return wanted;
}

function rowResult(row: RowDefinition, app: ContenderResult, floor: ContenderResult): RowResult {
  const perRound = perRoundRatios(app.rounds, floor.rounds);
  const ratio = ratioSpread(perRound.map((r) => r.ratio));
  const settled = isSettled(ratio, TARGETS.maxRatioSpread);
  const base = {
    scenario: row.scenario,
    app: contenderKey(row.app),
    floor: contenderKey(row.floor),
    appLabel: row.appLabel ?? row.app.server.label,
    floorLabel: row.floorLabel,
    target: row.target,
    perRound,
    ratio,
    settled,
  };
  const name = rowName(base);
  const spreadReason = `${name}: ${unsettledReason(ratio)}`;
  if (!row.target) {
    return { ...base, status: settled ? 'info' : 'info, UNSETTLED' };
  }
  const { minRatio, maxP99Ms } = row.target;
  const targetChecks = verdict([
    [ratio.median >= minRatio, `${name}: req/s ratio ${ratio.median.toFixed(2)} < ${minRatio}`],
    [
      app.figures.p99Ms <= maxP99Ms,
      `${name}: p99 ${app.figures.p99Ms.toFixed(2)} ms > ${maxP99Ms} ms`,
    ],
    [app.figures.errors === 0, `${name}: ${app.figures.errors} app errors`],
    [
      floor.figures.errors === 0,
      `${name}: ${floor.figures.errors} floor errors (comparison invalid)`,
    ],
  ]);
  const status = !targetChecks.pass ? 'FAIL' : settled ? 'PASS' : 'UNSETTLED';
  const reasons = settled ? targetChecks.reasons : [...targetChecks.reasons, spreadReason];
  return { ...base, status, verdict: { pass: reasons.length === 0, reasons } };
}

/** Why a ratio is not trustworthy: too few rounds, or too wide an interval. */
export function unsettledReason(ratio: RatioSpread): string {
  const spread = `spread ${(100 * ratio.relativeSpread).toFixed(0)}%`;
  return ratio.confidence < MEDIAN_CONFIDENCE
    ? `${spread} from only ${ratio.rounds} round(s), too few for a ` +
        `${(100 * MEDIAN_CONFIDENCE).toFixed(0)}% interval: unsettled`
    : `${spread} ≥ ${(100 * TARGETS.maxRatioSpread).toFixed(0)}% after ${ratio.rounds} rounds: unsettled`;
}
