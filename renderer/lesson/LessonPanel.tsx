// The Lesson tab: for the class, the lesson's title, instructions and steps (ticked by the
// app where they say how); for the teacher, the lesson's editor — what to lock, what to hide,
// which layers the palette offers — and sharing it as a file or a link.
import { useState } from 'react';
import { CATALOG } from '../../engine/layers/registry.js';
import { blankLesson, LESSON_CONTROL_LABELS, LESSON_CONTROLS, stepDone, wiredKinds, type Lesson, type LessonControl, type StepCheck } from '../../engine/project/lesson.js';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';
import { Markdown } from './markdown.js';
import './lesson.css';

export interface LessonProgress {
  /** The latest finished run of this project: its test accuracy (null: none recorded). */
  accuracy: number | null;
  trained: boolean;
}

function checkText(c: StepCheck): string {
  if (c.kind === 'layers') return `${c.atLeast} × ${c.layer}`;
  if (c.kind === 'accuracy') return `test accuracy ≥ ${Math.round(c.atLeast * 100)} %`;
  return 'a finished run';
}

export function LessonPanel({ progress, onShare, onExport }: { progress: LessonProgress; onShare?: () => void; onExport: () => void }) {
  const { store } = useApp();
  const project = useEditorState(store, (s) => s.history.present);
  const editing = useEditorState(store, (s) => s.lessonEditing);
  const lesson = project.lesson;
  const [ticked, setTicked] = useState<Record<number, boolean>>({});
  const setLesson = (next: Lesson | null) => store.dispatch({ type: 'edit', edits: [{ type: 'setLesson', lesson: next }] });

  if (!lesson)
    return (
      <div className="lesson" data-view="lesson" data-lesson-state="none">
        <p className="muted">
          A lesson turns this project into an exercise: instructions beside the canvas, steps the app ticks as the class does them, and the controls the class may not change or see.
        </p>
        <button
          className="btn"
          data-action="prepare-lesson"
          onClick={() => {
            store.dispatch({ type: 'lessonEditing', on: true });
            setLesson(blankLesson(project.name));
          }}
        >
          Prepare a lesson
        </button>
      </div>
    );

  if (editing) return <LessonEditor lesson={lesson} onChange={setLesson} onDone={() => store.dispatch({ type: 'lessonEditing', on: false })} onRemove={() => setLesson(null)} onShare={onShare} onExport={onExport} />;

  const state = { kinds: wiredKinds(project.graph), accuracy: progress.accuracy, trained: progress.trained };
  const done = lesson.steps.map((s, i) => stepDone(s.check, state) ?? ticked[i] ?? false);
  return (
    <div className="lesson" data-view="lesson" data-lesson-state="class">
      <h2 className="lesson-title">{lesson.title}</h2>
      <Markdown text={lesson.instructions} />
      {lesson.steps.length > 0 && (
        <>
          <h4>
            Steps <span className="muted">{done.filter(Boolean).length} of {lesson.steps.length} done</span>
          </h4>
          <ol className="lesson-steps">
            {lesson.steps.map((s, i) => (
              <li key={i} className={done[i] ? 'done' : ''} data-step={i} data-done={done[i] ? 'true' : 'false'}>
                {s.check ? (
                  <span className="tick" aria-label={done[i] ? 'done' : 'to do'} title={`The app ticks this step: ${checkText(s.check)}`}>
                    {done[i] ? '✓' : '○'}
                  </span>
                ) : (
                  <input type="checkbox" checked={!!ticked[i]} onChange={(e) => setTicked({ ...ticked, [i]: e.target.checked })} aria-label={`step ${i + 1} done`} />
                )}
                <span>{s.text}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {(lesson.locked.length > 0 || lesson.hidden.length > 0) && (
        <p className="muted lesson-locks">
          Fixed by the lesson: {[...new Set([...lesson.locked, ...lesson.hidden])].map((c) => LESSON_CONTROL_LABELS[c]).join(', ')}.
        </p>
      )}
      <div className="lesson-actions">
        <button className="btn small" data-action="edit-lesson" onClick={() => store.dispatch({ type: 'lessonEditing', on: true })} title="For the teacher: change the lesson">
          Edit lesson
        </button>
      </div>
    </div>
  );
}

const CHECK_KINDS = ['none', 'layers', 'accuracy', 'trained'] as const;

function StepRow({ step, onChange, onRemove }: { step: Lesson['steps'][number]; onChange(s: Lesson['steps'][number]): void; onRemove(): void }) {
  const kind = step.check?.kind ?? 'none';
  const setKind = (k: (typeof CHECK_KINDS)[number]) => {
    const { check: _old, ...rest } = step;
    if (k === 'none') onChange(rest);
    else if (k === 'layers') onChange({ ...rest, check: { kind: 'layers', layer: 'Dense', atLeast: 2 } });
    else if (k === 'accuracy') onChange({ ...rest, check: { kind: 'accuracy', atLeast: 0.9 } });
    else onChange({ ...rest, check: { kind: 'trained' } });
  };
  return (
    <li className="lesson-step-edit">
      <input className="input" value={step.text} onChange={(e) => onChange({ ...step, text: e.target.value })} aria-label="step text" maxLength={500} />
      <select className="select" value={kind} onChange={(e) => setKind(e.target.value as (typeof CHECK_KINDS)[number])} aria-label="how the step is ticked">
        <option value="none">ticked by the student</option>
        <option value="layers">when the graph has…</option>
        <option value="accuracy">at a test accuracy of…</option>
        <option value="trained">after a run finishes</option>
      </select>
      {step.check?.kind === 'layers' && (
        <span className="row">
          <input className="input" type="number" min={0} max={1000} value={step.check.atLeast} onChange={(e) => onChange({ ...step, check: { ...(step.check as Extract<StepCheck, { kind: 'layers' }>), atLeast: Math.max(0, Math.round(Number(e.target.value) || 0)) } })} aria-label="at least" style={{ width: 56 }} />
          <select className="select" value={step.check.layer} onChange={(e) => onChange({ ...step, check: { ...(step.check as Extract<StepCheck, { kind: 'layers' }>), layer: e.target.value } })} aria-label="layer kind">
            {CATALOG.map((k) => (
              <option key={k.kind}>{k.kind}</option>
            ))}
          </select>
        </span>
      )}
      {step.check?.kind === 'accuracy' && (
        <input className="input" type="number" min={0} max={100} step={1} value={Math.round(step.check.atLeast * 100)} onChange={(e) => onChange({ ...step, check: { kind: 'accuracy', atLeast: Math.min(1, Math.max(0, (Number(e.target.value) || 0) / 100)) } })} aria-label="accuracy in percent" style={{ width: 64 }} />
      )}
      <button className="btn small" onClick={onRemove} aria-label="remove step">
        ×
      </button>
    </li>
  );
}

/** A CSV data file travels inside the lesson file when the teacher ticks it (up to 1 MiB). */
function EmbedData({ lesson, onChange }: { lesson: Lesson; onChange(l: Lesson): void }) {
  const { api, store, notify } = useApp();
  const dataset = useEditorState(store, (s) => s.history.present.dataset);
  if (!dataset?.file || !/\.csv$/i.test(dataset.file)) return null;
  const name = dataset.file.split(/[\\/]/).pop();
  const toggle = async (on: boolean) => {
    if (!on) {
      const { data: _gone, ...rest } = lesson;
      onChange(rest);
      return;
    }
    if (!api) return;
    try {
      const data = await api.invoke('lessons.embed', { dataset });
      onChange({ ...lesson, data });
    } catch (e) {
      notify({ kind: 'error', text: `Could not embed ${name}: ${(e as Error).message}` });
    }
  };
  return (
    <label className="check">
      <input type="checkbox" checked={lesson.data !== undefined} onChange={(e) => void toggle(e.target.checked)} data-lesson-field="embed" />
      Carry the data file ({name}{lesson.data ? `, ${Math.ceil(lesson.data.text.length / 1024)} KiB` : ''}) inside the lesson file
    </label>
  );
}

function LessonEditor(props: { lesson: Lesson; onChange(l: Lesson): void; onDone(): void; onRemove(): void; onShare?: () => void; onExport(): void }) {
  const { lesson, onChange } = props;
  const toggle = (list: 'locked' | 'hidden', c: LessonControl, on: boolean) => onChange({ ...lesson, [list]: on ? [...lesson[list], c] : lesson[list].filter((x) => x !== c) });
  const palette = lesson.palette;
  return (
    <div className="lesson editing" data-view="lesson" data-lesson-state="editing">
      <label className="field">
        <span>Title</span>
        <input className="input" value={lesson.title} maxLength={200} onChange={(e) => onChange({ ...lesson, title: e.target.value || 'Lesson' })} data-lesson-field="title" />
      </label>
      <label className="field">
        <span>Instructions (Markdown: # heading, - list, **bold**, `code`)</span>
        <textarea className="input" rows={8} value={lesson.instructions} maxLength={20000} onChange={(e) => onChange({ ...lesson, instructions: e.target.value })} data-lesson-field="instructions" />
      </label>
      <h4>Steps</h4>
      <ol className="lesson-steps-edit">
        {lesson.steps.map((s, i) => (
          <StepRow key={i} step={s} onChange={(n) => onChange({ ...lesson, steps: lesson.steps.map((x, j) => (j === i ? n : x)) })} onRemove={() => onChange({ ...lesson, steps: lesson.steps.filter((_, j) => j !== i) })} />
        ))}
      </ol>
      <button className="btn small" disabled={lesson.steps.length >= 30} onClick={() => onChange({ ...lesson, steps: [...lesson.steps, { text: `Step ${lesson.steps.length + 1}` }] })} data-action="add-step">
        Add a step
      </button>
      <h4>What the class may change</h4>
      <table className="lesson-controls">
        <thead>
          <tr>
            <th />
            <th>locked</th>
            <th>hidden</th>
          </tr>
        </thead>
        <tbody>
          {LESSON_CONTROLS.map((c) => (
            <tr key={c} data-control-row={c}>
              <td>{LESSON_CONTROL_LABELS[c]}</td>
              <td>
                <input type="checkbox" checked={lesson.locked.includes(c)} onChange={(e) => toggle('locked', c, e.target.checked)} aria-label={`lock ${LESSON_CONTROL_LABELS[c]}`} data-lock={c} />
              </td>
              <td>
                <input type="checkbox" checked={lesson.hidden.includes(c)} onChange={(e) => toggle('hidden', c, e.target.checked)} aria-label={`hide ${LESSON_CONTROL_LABELS[c]}`} data-hide={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>
        Layers the palette offers{' '}
        <label className="check" style={{ fontWeight: 400 }}>
          <input type="checkbox" checked={palette === undefined} onChange={(e) => onChange(e.target.checked ? (({ palette: _p, ...rest }) => rest)(lesson) : { ...lesson, palette: ['Dense'] })} /> all
        </label>
      </h4>
      {palette && (
        <div className="lesson-palette">
          {CATALOG.filter((k) => k.kind !== 'Input').map((k) => (
            <label key={k.kind} className="check">
              <input type="checkbox" checked={palette.includes(k.kind)} onChange={(e) => onChange({ ...lesson, palette: e.target.checked ? [...palette, k.kind] : palette.filter((x) => x !== k.kind) })} data-palette-kind={k.kind} />
              {k.kind}
            </label>
          ))}
        </div>
      )}
      <EmbedData lesson={lesson} onChange={onChange} />
      <div className="lesson-actions">
        <button className="btn primary" onClick={props.onDone} data-action="lesson-done">
          Done: show it as the class sees it
        </button>
        <button className="btn small" onClick={props.onExport} data-action="export-lesson" title="The project with its lesson, as one file to hand out">
          Save lesson file…
        </button>
        {props.onShare && (
          <button className="btn small" onClick={props.onShare} data-action="share-lesson" title="A link that opens this lesson in browser mode">
            Share as link
          </button>
        )}
        <button className="btn small danger" onClick={props.onRemove} data-action="remove-lesson">
          Remove the lesson
        </button>
      </div>
    </div>
  );
}
