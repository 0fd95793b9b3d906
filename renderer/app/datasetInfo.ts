// What the checker needs to know about the project's dataset. The host loads the data once
// (cached per dataset reference) and answers `datasets.info` with its shapes; until it
// answers, or when the data cannot be loaded here, the check runs without data.
import { useEffect, useState } from 'react';
import { datasetInfoOf, type DatasetInfo } from '../../engine/check/check.js';
import type { DatasetRef } from '../../engine/project/types.js';
import type { LayerLabApi } from '../api/client.js';

export function useDatasetInfo(api: LayerLabApi | null, ref: DatasetRef): DatasetInfo | undefined {
  // Keyed by the reference's JSON so an edit elsewhere in the project asks nothing again.
  const key = JSON.stringify(ref);
  const [answer, setAnswer] = useState<{ key: string; info?: DatasetInfo }>();
  useEffect(() => {
    if (!api) return;
    let live = true;
    api.invoke('datasets.info', { dataset: JSON.parse(key) as DatasetRef }).then(
      (r) => live && setAnswer({ key, info: datasetInfoOf(r) }),
      () => live && setAnswer({ key }),
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  return answer?.key === key ? answer.info : undefined;
}
