// The data panel's preview of one dataset reference, asked of the host (which caches it).
// Keyed by the reference's JSON; the last answer stays on screen while the next one loads.
import { useEffect, useState } from 'react';
import type { DatasetPreviewWire } from '../../electron/contract.js';
import type { DatasetRef } from '../../engine/project/types.js';
import type { LayerLabApi } from '../api/client.js';

export interface PreviewState {
  preview: DatasetPreviewWire | null;
  /** Why the current reference could not be previewed (names the file, row, column). */
  error: string | null;
  loading: boolean;
  /** The reference the preview on screen was made for (it may lag the current one). */
  previewOf: DatasetRef | null;
}

/** `ref` null: no dataset to preview (nothing is asked, nothing is loading). */
export function usePreview(api: LayerLabApi | null, ref: DatasetRef | null): PreviewState {
  const key = ref ? JSON.stringify(ref) : '';
  const [state, setState] = useState<{ key: string; preview: DatasetPreviewWire | null; error: string | null }>({ key: '', preview: null, error: null });
  useEffect(() => {
    if (!api || !key) return;
    let live = true;
    api.invoke('datasets.preview', { dataset: JSON.parse(key) as DatasetRef }).then(
      (preview) => live && setState({ key, preview, error: null }),
      (e: Error) => live && setState({ key, preview: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  return { preview: state.preview, error: state.key === key ? state.error : null, loading: state.key !== key, previewOf: state.key ? (JSON.parse(state.key) as DatasetRef) : null };
}
