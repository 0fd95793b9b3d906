// What the checker needs to know about the project's dataset. The host loads the data once
// (cached per dataset reference) and answers `datasets.info` with its shapes; until it
// answers, or when the data cannot be loaded here, the check runs without data (and the
// reason it could not load is kept: training it would fail the same way).
import { useEffect, useState } from 'react';
import { datasetInfoOf, type DatasetInfo } from '../../engine/check/check.js';
import type { DatasetRef } from '../../engine/project/types.js';
import type { LayerLabApi } from '../api/client.js';

export interface DatasetAnswer {
  info?: DatasetInfo;
  /** Why the host could not load the dataset, once it has said so. */
  error?: string;
}

/** The host's answer for `ref`; a project that names no dataset asks nothing (and is checked
 *  on its graph alone). */
export function useDatasetAnswer(api: LayerLabApi | null, ref: DatasetRef | undefined): DatasetAnswer {
  // Keyed by the reference's JSON so an edit elsewhere in the project asks nothing again.
  const key = ref ? JSON.stringify(ref) : '';
  const [answer, setAnswer] = useState<{ key: string } & DatasetAnswer>();
  useEffect(() => {
    if (!api || !key) return;
    let live = true;
    api.invoke('datasets.info', { dataset: JSON.parse(key) as DatasetRef }).then(
      (r) => live && setAnswer({ key, info: datasetInfoOf(r) }),
      // A busy or unreachable host says nothing about the data itself.
      (e: Error & { code?: string }) => live && setAnswer(e.code === 'busy' || e.code === 'unavailable' ? { key } : { key, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  return answer?.key === key ? answer : {};
}

export function useDatasetInfo(api: LayerLabApi | null, ref: DatasetRef | undefined): DatasetInfo | undefined {
  return useDatasetAnswer(api, ref).info;
}
