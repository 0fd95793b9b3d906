// A lesson a teacher lays over a project: a title, instructions (Markdown), steps the class
// works through (some checked by the app: "add a hidden layer", "reach 90 % accuracy"), and
// which controls the students may not change (locked) or do not see (hidden), with the layer
// kinds the palette offers. Pure (zod): the renderer enforces it, the project file carries it.
import { z } from 'zod';

/** The largest data file a lesson embeds: a small class dataset, not MNIST. */
export const LESSON_DATA_BYTES = 1024 * 1024;

/** The controls a lesson can lock or hide, by the name the UI marks them with. */
export const LESSON_CONTROLS = ['dataset', 'optimizer', 'learningRate', 'loss', 'epochs', 'batchSize', 'validationSplit', 'earlyStopping', 'startFrom', 'graph', 'palette', 'data', 'search', 'export'] as const;
export type LessonControl = (typeof LESSON_CONTROLS)[number];

/** What each control is, in words for the teacher's editor. */
export const LESSON_CONTROL_LABELS: Record<LessonControl, string> = {
  dataset: 'Dataset',
  optimizer: 'Optimizer',
  learningRate: 'Learning rate',
  loss: 'Loss',
  epochs: 'Epochs',
  batchSize: 'Batch size',
  validationSplit: 'Validation split',
  earlyStopping: 'Early stopping',
  startFrom: 'Start from',
  graph: 'The network (no adding, removing, rewiring or changing layers)',
  palette: 'The layer palette',
  data: 'The Data tab',
  search: 'The Search tab',
  export: 'Export',
};

/** A step the app can tick by itself. */
export const stepCheckSchema = z.discriminatedUnion('kind', [
  /** The graph has at least `atLeast` nodes of `layer` (e.g. 2 Dense: a hidden layer added). */
  z.strictObject({ kind: z.literal('layers'), layer: z.string().min(1).max(60), atLeast: z.number().int().min(0).max(1000) }),
  /** The latest run of the project reached this test accuracy (0–1). */
  z.strictObject({ kind: z.literal('accuracy'), atLeast: z.number().min(0).max(1) }),
  /** A run of the project finished. */
  z.strictObject({ kind: z.literal('trained') }),
]);
export type StepCheck = z.output<typeof stepCheckSchema>;

/** The file name an embedded data file keeps (the host writes it under that name). */
export const lessonDataName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}\.csv$/i, 'a CSV file name (letters, digits, space, dot, dash, underscore), ending .csv');

export const lessonSchema = z.strictObject({
  title: z.string().min(1, 'a lesson needs a title').max(200),
  /** Markdown: paragraphs, headings (#), lists (-, 1.), **bold**, *italic*, `code`. */
  instructions: z.string().max(20_000),
  steps: z.array(z.strictObject({ text: z.string().min(1).max(500), check: stepCheckSchema.optional() })).max(30),
  locked: z.array(z.enum(LESSON_CONTROLS)).max(LESSON_CONTROLS.length).default([]),
  hidden: z.array(z.enum(LESSON_CONTROLS)).max(LESSON_CONTROLS.length).default([]),
  /** The layer kinds the palette offers (absent: all). */
  palette: z.array(z.string().min(1).max(60)).max(200).optional(),
  /** The project's CSV data file, embedded so the lesson travels as one file: `name` is the
   *  file the project's dataset names (its last part), `text` its content. */
  data: z
    .strictObject({
      name: lessonDataName,
      text: z.string().max(LESSON_DATA_BYTES, `an embedded data file holds at most ${LESSON_DATA_BYTES / 1024} KiB`),
    })
    .optional(),
});
export type Lesson = z.output<typeof lessonSchema>;

/** Whether the students may change a control (hidden controls are locked too). */
export function canChange(lesson: Lesson | undefined, control: LessonControl): boolean {
  return !lesson || !(lesson.locked.includes(control) || lesson.hidden.includes(control));
}

export function isHidden(lesson: Lesson | undefined, control: LessonControl): boolean {
  return !!lesson && lesson.hidden.includes(control);
}

/** What a step's check needs to know of the project's state. */
export interface StepState {
  /** Node count per kind in the graph. */
  kinds: Record<string, number>;
  /** The latest finished run's test accuracy (null: none, or no accuracy). */
  accuracy: number | null;
  trained: boolean;
}

/** Whether a step's check is met; null for a step without a check (the student ticks it). */
export function stepDone(check: StepCheck | undefined, s: StepState): boolean | null {
  if (!check) return null;
  switch (check.kind) {
    case 'layers':
      return (s.kinds[check.layer] ?? 0) >= check.atLeast;
    case 'accuracy':
      return s.accuracy !== null && s.accuracy >= check.atLeast;
    case 'trained':
      return s.trained;
  }
}

/** A new lesson for a project, for the teacher to fill in. */
export function blankLesson(title: string): Lesson {
  return { title, instructions: '', steps: [], locked: [], hidden: [] };
}

/** Node count per kind, of the nodes on a path from an Input to an output (a node nothing
 *  reads): a layer dropped on the canvas but not wired in does not tick "add a layer". */
export function wiredKinds(graph: { nodes: { id: string; kind: string }[]; edges: { source: string; target: string }[] }): Record<string, number> {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const e of graph.edges) {
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  }
  const walk = (starts: string[], next: Map<string, string[]>) => {
    const seen = new Set(starts);
    const todo = [...starts];
    while (todo.length) for (const n of next.get(todo.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), todo.push(n));
    return seen;
  };
  const fromInput = walk(graph.nodes.filter((n) => n.kind === 'Input').map((n) => n.id), out);
  const toOutput = walk(graph.nodes.filter((n) => !(out.get(n.id)?.length) && fromInput.has(n.id) && n.kind !== 'Input').map((n) => n.id), into);
  const kinds: Record<string, number> = {};
  for (const n of graph.nodes) if (fromInput.has(n.id) && toOutput.has(n.id)) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
  return kinds;
}
