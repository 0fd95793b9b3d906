// The benchmark's arithmetic, pure: how many batches a measurement times, the order in which
// LayerLab and its peer take turns, and the median and range of their ratio.

export type Side = 'ours' | 'peer';

/** ours, peer, ours, peer, … (`pairs` of each, alternating, so that a machine growing
 *  busier or quieter during the run weighs on both sides alike); ours alone without a peer. */
export function alternation(pairs: number, withPeer: boolean): Side[] {
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`pairs must be a whole number, 1 or more; got ${pairs}`);
  const one: Side[] = withPeer ? ['ours', 'peer'] : ['ours'];
  return Array.from({ length: pairs }, () => one).flat();
}

export interface BatchPlan {
  /** At least this many batches. */
  batches: number;
  /** Keep going until this many seconds have passed… */
  minSeconds: number;
  /** …but time fewer batches where they would take longer than this. */
  maxSeconds: number;
}

/** How many batches of `perBatch` seconds to time: enough for `minSeconds` and at least
 *  `batches`, no more than fit in `maxSeconds`, and always one. */
export function plannedBatches(perBatch: number, plan: BatchPlan): number {
  const p = Math.max(perBatch, 1e-6);
  const wanted = Math.max(plan.batches, Math.ceil(plan.minSeconds / p));
  return Math.max(1, Math.min(wanted, Math.floor(plan.maxSeconds / p)));
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function range(xs: readonly number[]): { min: number; max: number } {
  if (xs.length === 0) throw new Error('range of no values');
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

export interface RatioSummary {
  /** ours / peer of each pair, in the order they ran. */
  ratios: number[];
  median: number;
  min: number;
  max: number;
}

/** The ratio of each pair (ours[i] / peer[i], images per second) and their median and range. */
export function pairRatios(ours: readonly number[], peer: readonly number[]): RatioSummary {
  if (ours.length !== peer.length || ours.length === 0) throw new Error(`pairRatios needs as many peer figures as ours (got ${ours.length} and ${peer.length})`);
  const ratios = ours.map((o, i) => o / peer[i]!);
  return { ratios, median: median(ratios), ...range(ratios) };
}
