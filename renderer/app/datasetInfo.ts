// What the checker needs to know about the chosen dataset, from the host's dataset list.
// The list's summaries carry the shapes only when the host includes them (they are not
// part of the contract's required fields), so without them the check runs without data.
import type { DatasetSummaryWire } from '../../electron/contract.js';
import type { DatasetInfo } from '../../engine/check/check.js';

const isDims = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

export function datasetInfoFor(datasets: readonly DatasetSummaryWire[], id: string | undefined): DatasetInfo | undefined {
  const d = datasets.find((x) => x.id === id) as (DatasetSummaryWire & Record<string, unknown>) | undefined;
  if (!d || !isDims(d.inputShape) || !isDims(d.targetShape)) return undefined;
  const classNames = Array.isArray(d.classNames) ? d.classNames : undefined;
  return {
    id: d.id,
    task: d.task,
    inputShape: d.inputShape,
    targetShape: d.targetShape,
    ...(classNames ? { numClasses: classNames.length } : {}),
  };
}
