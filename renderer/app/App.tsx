// The application shell: owns the editor store, the API connection and the view state,
// and lays out the editor and the training dashboard.
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { actionById } from '../../electron/actions.js';
import type { DatasetSummaryWire, Response } from '../../electron/contract.js';
import { check } from '../../engine/check/check.js';
import type { CheckReport } from '../../engine/check/types.js';
import { getApi, type LayerLabApi } from '../api/client.js';
import { uploadTooLarge } from '../api/ws-bridge.js';
import { mainFile, openedAs, uploadOf, uploadTooLargeAll } from './open-files.js';
import { ExportDialog } from '../dialogs/ExportDialog.js';
import { NoticeBar } from '../dialogs/NoticeBar.js';
import { RecoveryPrompt } from '../dialogs/RecoveryPrompt.js';
import { ShortcutsDialog } from '../dialogs/ShortcutsDialog.js';
import { TemplatesDialog } from '../dialogs/TemplatesDialog.js';
import { UnsavedDialog, type UnsavedChoice } from '../dialogs/UnsavedDialog.js';
import { Canvas, useAddLayer } from '../editor/Canvas.js';
import { Inspector } from '../editor/Inspector.js';
import { Palette } from '../editor/Palette.js';
import { dropLibraryBlock } from '../editor/libraryDrop.js';
import { SummaryPanel } from '../editor/SummaryPanel.js';
import { LessonPanel } from '../lesson/LessonPanel.js';
import { clearAutosave, readRecovery, writeAutosave, type AutosaveRecord } from '../state/autosave.js';
import { readMinimap, readSidePanel, writeMinimap, writeSidePanel, readLiveViews } from '../state/prefs.js';
import { blankProject } from '../../engine/project/blank.js';
import { createEditor, hasUnsavedWork, isDirty } from '../state/editor.js';
import { isTextTarget, shortcutFor } from '../state/shortcuts.js';
import { createStore, useEditorState } from '../state/store.js';
import { DataView } from '../data/DataView.js';
import { useTraining, type StartOptions } from '../training/useTraining.js';
import { jobIsHere, staleJobRun, targetRun } from '../runs/scope.js';
import { TrainView } from '../runs/TrainView.js';
import { SearchPanel } from '../runs/SearchPanel.js';
import { offeredChoice, TrainingForm, type InitChoice } from '../training/TrainingForm.js';
import { useSearch } from '../runs/useSearch.js';
import { useRuns } from '../runs/useRuns.js';
import { useDatasetAnswer } from './datasetInfo.js';
import { trainBlock } from './trainBlock.js';
import { AppContext, type AppContextValue, type Notice } from './context.js';
import { StatusBar } from './StatusBar.js';
import { TopBar, type View } from './TopBar.js';
import { useCommands } from './useCommands.js';

type Dialog = 'templates' | 'export' | 'shortcuts' | null;
const THEME_KEY = 'layerlab.theme';

function initialTheme(): 'light' | 'dark' {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function safeCheck(project: Parameters<typeof check>[0], opts: Parameters<typeof check>[1]): CheckReport {
  try {
    return check(project, opts);
  } catch (e) {
    // check() promises never to throw; if it does, the canvas must still draw.
    return { ok: false, totalParams: 0, trainableParams: 0, nodes: [], errors: [{ severity: 'error', code: 'internal', message: `checker failed: ${(e as Error).message}` }], warnings: [], order: [], inputs: [], outputs: [] };
  }
}

export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

function Shell() {
  // useState, not useMemo: React may drop memoised values (and Fast Refresh does), but the
  // document must live as long as the window.
  const [store] = useState(() => createStore(createEditor(blankProject())));
  const [api, setApi] = useState<LayerLabApi | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [view, setView] = useState<View>('editor');
  const [rightTab, setRightTab] = useState<'inspector' | 'summary' | 'lesson'>('inspector');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [theme, setTheme] = useState(initialTheme);
  const [minimap, setMinimap] = useState(() => readMinimap(localStorage));
  useEffect(() => writeMinimap(localStorage, minimap), [minimap]);
  const [sidePanel, setSidePanel] = useState(() => readSidePanel(localStorage, window.innerWidth));
  const toggleSidePanel = () => {
    writeSidePanel(localStorage, !sidePanel);
    setSidePanel(!sidePanel);
  };
  const [datasets, setDatasets] = useState<DatasetSummaryWire[]>([]);
  const [backend, setBackend] = useState<Response<'backend.info'> | null>(null);
  const [backendChoice, setBackendChoice] = useState('auto');
  const [recovery, setRecovery] = useState<AutosaveRecord | null>(() => readRecovery(localStorage));
  /** The open "Unsaved changes" question, with what answers it. */
  const [unsaved, setUnsaved] = useState<{ action: string; answer(c: UnsavedChoice): void } | null>(null);
  const asking = useRef<((c: UnsavedChoice) => void) | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const project = useEditorState(store, (s) => s.history.present);
  const dirty = useEditorState(store, isDirty);
  const documentName = useEditorState(store, (s) => s.documentName);
  // A reload mid-run comes back to the dashboard, where the run goes on.
  const training = useTraining(api, { onResumed: () => setView('training') });
  // A search goes on (and is followed) while another view is shown.
  const search = useSearch(api);
  // The open project's runs; the job is drawn as this project's only if it belongs here.
  const runs = useRuns(api, project);
  /** Train → Start from: a run of the open document (used only while it is listed with weights). */
  const [initFrom, setInitFrom] = useState<InitChoice | null>(null);
  const [startedIn, setStartedIn] = useState<{ documentId: string | null; name: string }>({ documentId: null, name: '' });
  const jobHere = jobIsHere(training.run, runs.list, startedIn.documentId);
  const staleJob = staleJobRun(runs.list, jobHere) !== null;

  const notify = useCallback((n: Notice | null) => setNotice(n), []);

  useEffect(() => {
    try {
      setApi(getApi());
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message });
    }
  }, []);

  useEffect(() => {
    if (!api) return;
    api.invoke('datasets.list', {}).then((r) => setDatasets(r.datasets), (e: Error) => notify({ kind: 'error', text: `Datasets: ${e.message}` }));
  }, [api, notify]);

  // The host picks the backend when the first job starts; ask again whenever a run begins or ends.
  const runState = training.run.state;
  useEffect(() => {
    if (!api) return;
    api.invoke('backend.info', {}).then(setBackend, () => undefined);
  }, [api, runState]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  // The window title carries the dirty mark too (the task bar, Electron's title bar).
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${project.name || 'Untitled'} — LayerLab`;
  }, [dirty, project.name]);

  // The checker is pure and fast: it runs on every edit, right here in the renderer.
  const dsAnswer = useDatasetAnswer(api, project.dataset);
  const dsInfo = dsAnswer.info;
  const report = useMemo(() => safeCheck(project, dsInfo ? { dataset: dsInfo } : undefined), [project, dsInfo]);
  const trainBlocked = trainBlock(report, project.graph.nodes.length === 0, dsAnswer.error, !project.dataset);

  // Browser mode: closing or reloading the tab over unsaved work asks first. (Electron's
  // window would refuse to close without a word; its close is the host's to handle.)
  useEffect(() => {
    if (!api || api.mode === 'electron') return;
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedWork(store.get())) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [api, store]);

  // Autosave (debounced); paused while a recovery offer is open so it is not overwritten.
  useEffect(() => {
    if (recovery) return;
    const t = setTimeout(() => writeAutosave(localStorage, project, dirty, documentName), 500);
    return () => clearTimeout(t);
  }, [project, dirty, documentName, recovery]);

  const { perform, load, centerPosition, mayReplace, clip } = useCommands({
    store,
    api,
    notify,
    openTemplates: () => setDialog('templates'),
    openExport: () => setDialog('export'),
    openShortcuts: () => setDialog('shortcuts'),
    toggleTheme: () => setTheme((t) => (t === 'dark' ? 'light' : 'dark')),
    toggleMinimap: () => setMinimap((m) => !m),
    pickFile: () => fileInput.current?.click(),
    askUnsaved: (action) =>
      new Promise<UnsavedChoice>((resolve) => {
        // A second New or Open while the question is open (menu and key both): the first is
        // answered Cancel, so only one replacement can go ahead.
        asking.current?.('cancel');
        const answer = (c: UnsavedChoice) => {
          if (asking.current === answer) asking.current = null;
          setUnsaved((u) => (u?.answer === answer ? null : u));
          resolve(c);
        };
        asking.current = answer;
        setUnsaved({ action, answer });
      }),
  });
  const addLayer = useAddLayer(store, dsInfo?.inputShape);

  useEffect(() => api?.on('menu.action', ({ action }) => void perform(action, 'menu')), [api, perform]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog || unsaved || isTextTarget(e.target)) return;
      const action = shortcutFor(e);
      if (!action) return;
      // Text selected on the page (a message, the summary) keeps the browser's copy and select-all.
      const textSelected = !!window.getSelection()?.toString();
      if (textSelected && actionById(action).when === 'editorNoTextSelection' && store.get().selection.nodes.length === 0) return;
      e.preventDefault();
      void perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perform, dialog, unsaved, store]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    // A project is one file; a TensorFlow.js model is its model.json with its weight files.
    const files = [...(e.target.files ?? [])];
    const file = mainFile(files);
    e.target.value = '';
    if (!file || !api) return;
    // Before reading it: the host takes nothing larger, and the page need not hold it.
    const tooLarge = files.length === 1 ? uploadTooLarge(file) : uploadTooLargeAll(files);
    if (tooLarge) {
      notify({ kind: 'error', text: tooLarge });
      return;
    }
    try {
      const r = await api.invoke('project.open', { upload: await uploadOf(files) });
      if (!r.canceled) {
        const as = openedAs(r, file.name);
        load(r.project, as.name, as.saved, as.warnings);
      }
    } catch (err) {
      // The canvas stays as it was; the message names the file and the JSON path.
      notify({ kind: 'error', text: `Could not open ${file.name}: ${(err as Error).message}` });
    }
  };

  const openTemplate = async (id: string) => {
    if (!api) return;
    // With work to lose, the gallery closes first so the question stands alone; otherwise it
    // stays until the template has loaded, and closes with it.
    if (hasUnsavedWork(store.get())) {
      setDialog(null);
      if (!(await mayReplace('opening the template'))) return;
    }
    try {
      const r = await api.invoke('templates.load', { id });
      setDialog(null);
      load(r.project, null, false, r.warnings);
      setView('editor');
    } catch (e) {
      notify({ kind: 'error', text: `Could not open template ${id}: ${(e as Error).message}` });
    }
  };

  /** A lesson opens as a new, unsaved document: the student's changes are their own copy. */
  const openLesson = async (id: string, source: 'built-in' | 'shared') => {
    if (!api) return;
    if (hasUnsavedWork(store.get())) {
      setDialog(null);
      if (!(await mayReplace('opening the lesson'))) return;
    }
    try {
      const r = await api.invoke('templates.load', { id, lesson: source });
      setDialog(null);
      load(r.project, null, false, r.warnings);
      setView('editor');
      // The lesson's instructions are what the class reads first.
      setSidePanel(true);
      setRightTab('lesson');
    } catch (e) {
      notify({ kind: 'error', text: `Could not open lesson ${id}: ${(e as Error).message}` });
    }
  };

  // Browser mode: a shared lesson's link (?lesson=ID, or ?lesson=built-in:ID) opens it once;
  // the parameter is dropped so a reload keeps the student's work.
  const lessonLink = useRef(new URLSearchParams(window.location.search).get('lesson'));
  useEffect(() => {
    const link = lessonLink.current;
    if (!api || !link) return;
    lessonLink.current = null;
    const url = new URL(window.location.href);
    url.searchParams.delete('lesson');
    window.history.replaceState(null, '', url);
    const builtIn = link.startsWith('built-in:');
    void openLesson(builtIn ? link.slice('built-in:'.length) : link, builtIn ? 'built-in' : 'shared');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const shareLesson = async () => {
    const p = store.get().history.present;
    if (!api || !p.lesson) return;
    try {
      const name = p.lesson.title.replace(/[^A-Za-z0-9 ._-]+/g, ' ').trim().replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'lesson';
      const r = await api.invoke('lessons.share', { project: p, name });
      const url = new URL(window.location.href);
      for (const k of [...url.searchParams.keys()]) if (k !== 'token') url.searchParams.delete(k);
      url.searchParams.set('lesson', r.id);
      const link = url.toString();
      await navigator.clipboard?.writeText(link).catch(() => undefined);
      notify({ kind: 'info', text: `Lesson saved as ${r.location}. Its link (copied): ${link}` });
    } catch (e) {
      notify({ kind: 'error', text: `Could not share the lesson: ${(e as Error).message}` });
    }
  };

  const lessonRun = runs.list?.runs.find((r) => r.status === 'finished') ?? null;
  const lessonProgress = { trained: lessonRun !== null, accuracy: lessonRun?.test?.accuracy ?? null };

  const onTrain = (how?: StartOptions) => {
    if (trainBlocked) return;
    setView('training');
    setStartedIn({ documentId: runs.list?.documentId ?? null, name: store.get().history.present.name });
    runs.setSelected([]);
    const from = offeredChoice(initFrom, runs.list?.runs ?? [], runs.list?.elsewhere ?? []);
    void training.start(store.get().history.present, backendChoice, from, { ...how, ...(readLiveViews(localStorage) ? {} : { views: false }) });
  };
  const failed = (e: Error) => notify({ kind: 'error', text: e.message });

  const ctx: AppContextValue = useMemo(() => ({ store, api, report, notify, datasets, ...(dsInfo ? { datasetInfo: dsInfo } : {}) }), [store, api, report, notify, datasets, dsInfo]);
  const running = training.run.state === 'running';
  const backendLabel = backend?.active ? `${backend.active.name} · ${backend.active.device}` : 'backend unknown';

  return (
    <AppContext.Provider value={ctx}>
      <div className="app">
        <TopBar
          view={view}
          setView={setView}
          perform={(a) => void perform(a)}
          onTrain={() => onTrain()}
          onStop={() => void training.stop().catch((e: Error) => notify({ kind: 'error', text: e.message }))}
          onPause={() => void training.pause?.().catch(failed)}
          onResume={() => void training.resume?.().catch(failed)}
          onStep={() => (running ? void training.step?.().catch(failed) : onTrain({ step: true }))}
          paused={running && training.control?.jobId === training.run.jobId && training.control?.paused === true}
          running={running}
          trainBlocked={trainBlocked}
          backend={backend}
          backendChoice={backendChoice}
          setBackendChoice={setBackendChoice}
          theme={theme}
        />
        {view === 'editor' ? (
          <main className={sidePanel ? 'editor' : 'editor side-hidden'}>
            <Palette onAdd={(kind) => addLayer(kind, centerPosition())} onAddBlock={(b) => dropLibraryBlock(store, b, centerPosition(), { avoid: true })} />
            <Canvas onEmptyAction={() => setDialog('templates')} showMinimap={minimap} colorMode={theme} perform={(a) => void perform(a)} clip={clip} />
            <aside className="panel right" aria-label="Inspector">
              {sidePanel ? (
                <>
                  <div className="panel-tabs">
                    <div role="tablist" className="panel-tablist">
                      <button className="panel-tab" role="tab" aria-selected={rightTab === 'inspector'} onClick={() => setRightTab('inspector')}>
                        Inspector
                      </button>
                      <button className="panel-tab" role="tab" aria-selected={rightTab === 'summary'} onClick={() => setRightTab('summary')}>
                        Summary
                      </button>
                      <button className="panel-tab" role="tab" aria-selected={rightTab === 'lesson'} onClick={() => setRightTab('lesson')} data-tab="lesson">
                        Lesson
                      </button>
                    </div>
                    <button className="panel-tab panel-fold" aria-label="Hide the inspector" title="Hide the inspector: more room for the canvas" onClick={toggleSidePanel}>
                      »
                    </button>
                  </div>
                  <div className="panel-body" style={{ paddingTop: 12 }}>
                    {rightTab === 'inspector' ? <Inspector /> : rightTab === 'summary' ? <SummaryPanel /> : <LessonPanel progress={lessonProgress} onExport={() => void perform('file.saveAs')} {...(api?.mode === 'browser' ? { onShare: () => void shareLesson() } : {})} />}
                  </div>
                </>
              ) : (
                <button className="panel-unfold" aria-label="Show the inspector" title="Show the inspector and summary" onClick={toggleSidePanel}>
                  <span aria-hidden="true">«</span>
                  <span className="panel-unfold-label">Inspector</span>
                </button>
              )}
            </aside>
          </main>
        ) : view === 'data' ? (
          <DataView datasets={datasets} />
        ) : view === 'search' ? (
          <main className="searchview">
            <TrainingForm disabled={running} />
            <SearchPanel search={search} disabled={trainBlocked} />
          </main>
        ) : (
          <TrainView api={api} training={training} runs={runs} jobHere={jobHere} jobProject={startedIn.name} staleJob={staleJob} running={running} backendLabel={backendLabel} trainBlocked={trainBlocked} initFrom={initFrom} setInitFrom={setInitFrom} />
        )}
        <StatusBar mode={api ? (api.mode === 'electron' ? 'desktop' : 'browser mode') : 'offline'} trainBlocked={trainBlocked} />
      </div>
      <input ref={fileInput} type="file" accept=".json,application/json,.keras,.bin" multiple hidden data-testid="open-file" onChange={onFile} />
      <NoticeBar notice={notice} onClose={() => setNotice(null)} />
      {recovery && (
        <RecoveryPrompt
          record={recovery}
          onRestore={() => {
            load(recovery.project, recovery.fileName, false, [], true);
            setRecovery(null);
          }}
          onDiscard={() => {
            clearAutosave(localStorage);
            setRecovery(null);
          }}
        />
      )}
      {dialog === 'templates' && <TemplatesDialog api={api} onOpen={(id) => void openTemplate(id)} onOpenLesson={(id, source) => void openLesson(id, source)} onClose={() => setDialog(null)} />}
      {dialog === 'export' && <ExportDialog api={api} project={project} run={targetRun(runs.list, runs.selected, jobHere)} onClose={() => setDialog(null)} />}
      {staleJob && view === 'editor' && (
        <div className="diag warning stale-job" role="status" data-stale-job>
          The running job trains the graph as it was at Train; edits apply to the next run.
        </div>
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {unsaved && <UnsavedDialog name={project.name} action={unsaved.action} onChoose={unsaved.answer} />}
    </AppContext.Provider>
  );
}
