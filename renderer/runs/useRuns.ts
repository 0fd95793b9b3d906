// The open project's runs, as the host lists them (runs.list): asked again whenever the host
// says they changed (a run began, ended, was labelled, deleted, moved) or the document did,
// and, a moment after each edit, so that "matches the project" follows the graph. Also the
// selection of the runs panel and the records (runs.read) of the selected runs.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Response, RunRecord } from '../../electron/contract.js';
import type { Project } from '../../engine/project/types.js';
import type { LayerLabApi } from '../api/client.js';

type List = Response<'runs.list'>;

export interface Runs {
  /** null until the host has answered once. */
  list: List | null;
  error: string | null;
  selected: string[];
  setSelected(ids: string[]): void;
  toggle(id: string): void;
  /** Records of the selected runs, by id (filled as they arrive). */
  records: Record<string, RunRecord>;
  label(id: string, label: string): Promise<void>;
  remove(id: string): Promise<void>;
  refresh(): void;
}

const EDIT_DEBOUNCE_MS = 300;

export function useRuns(api: LayerLabApi | null, project: Project): Runs {
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelectedState] = useState<string[]>([]);
  const [records, setRecords] = useState<Record<string, RunRecord>>({});
  const projectRef = useRef(project);
  projectRef.current = project;
  /** Answers are taken in the order asked: a slow old answer never replaces a newer one. */
  const asked = useRef(0);
  const documentId = useRef<string | null>(null);

  const refresh = useCallback(() => {
    if (!api) return;
    const n = ++asked.current;
    api.invoke('runs.list', { project: projectRef.current }).then(
      (l) => {
        if (n !== asked.current) return;
        // Another document: its runs, none of the previous one's selected.
        if (documentId.current !== l.documentId) {
          documentId.current = l.documentId;
          setSelectedState([]);
          setRecords({});
        } else {
          const ids = new Set(l.runs.map((r) => r.id));
          setSelectedState((s) => (s.every((id) => ids.has(id)) ? s : s.filter((id) => ids.has(id))));
        }
        setList(l);
        setError(null);
      },
      (e: Error) => n === asked.current && setError(e.message),
    );
  }, [api]);

  useEffect(() => {
    if (!api) return;
    refresh();
    const offRuns = api.on('runs.changed', (e) => {
      // A run that ended (or was relabelled) is read again when selected.
      if (e.runId) setRecords((r) => (e.runId! in r ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== e.runId)) : r));
      refresh();
    });
    const offDoc = api.on('document.changed', () => refresh());
    return () => {
      offRuns();
      offDoc();
    };
  }, [api, refresh]);

  // Edits change which runs match the project.
  useEffect(() => {
    const t = setTimeout(refresh, EDIT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [project, refresh]);

  // The records of the selected runs (a running one is read again as its epochs come: its
  // runs.changed 'ended' drops the cached copy; while it runs, the live job is drawn instead).
  useEffect(() => {
    if (!api) return;
    for (const id of selected) {
      if (records[id]) continue;
      api.invoke('runs.read', { runId: id }).then(
        ({ run }) => setRecords((r) => ({ ...r, [id]: run })),
        (e: Error) => setError(e.message),
      );
    }
  }, [api, selected, records]);

  const setSelected = useCallback((ids: string[]) => setSelectedState(ids), []);
  const toggle = useCallback((id: string) => setSelectedState((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])), []);

  const label = useCallback(
    async (id: string, text: string) => {
      if (!api) return;
      await api.invoke('runs.label', { runId: id, label: text });
    },
    [api],
  );
  const remove = useCallback(
    async (id: string) => {
      if (!api) return;
      await api.invoke('runs.delete', { runId: id });
      setSelectedState((s) => s.filter((x) => x !== id));
    },
    [api],
  );

  return { list, error, selected, setSelected, toggle, records, label, remove, refresh };
}
