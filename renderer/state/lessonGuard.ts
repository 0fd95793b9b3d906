// A lesson's locks as the editor keeps them: while a student works on a lesson, edits to
// what it locks are dropped, whichever way they come (palette, keyboard, menu, paste), so a
// control hidden or disabled in the UI cannot be changed around it. The teacher preparing
// the lesson (lessonEditing) is not held by it.
import { canChange, type LessonControl } from '../../engine/project/lesson.js';
import type { Project, TrainingConfig } from '../../engine/project/types.js';
import type { Edit } from './edits.js';

/** The training fields each lockable control covers. */
const TRAINING_FIELDS: Partial<Record<keyof TrainingConfig, LessonControl>> = {
  optimizer: 'optimizer',
  loss: 'loss',
  epochs: 'epochs',
  batchSize: 'batchSize',
  validationSplit: 'validationSplit',
  earlyStopping: 'earlyStopping',
};

/** Edits that change the network's structure (what the 'graph' lock holds still). */
const STRUCTURAL = new Set<Edit['type']>(['addNode', 'addElements', 'remove', 'connect', 'setParam', 'setTrainable', 'group', 'ungroup', 'applyFix']);

/** What of `edit` the project's lesson allows: the edit, a narrower one, or null. */
export function allowedEdit(project: Project, edit: Edit): Edit | null {
  const lesson = project.lesson;
  if (!lesson) return edit;
  // The lesson itself is the teacher's, changed only while preparing it.
  if (edit.type === 'setLesson') return null;
  if (STRUCTURAL.has(edit.type)) {
    if (!canChange(lesson, 'graph')) return null;
    if (edit.type === 'addNode' && (!canChange(lesson, 'palette') || (lesson.palette && !lesson.palette.includes(edit.kind)))) return null;
    return edit;
  }
  if (edit.type === 'setDataset') return canChange(lesson, 'dataset') ? edit : null;
  if (edit.type === 'setTraining') {
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(edit.patch) as [keyof TrainingConfig, unknown][]) {
      if (k === 'optimizer') {
        // The optimizer's kind and its learning rate are locked apart.
        const cur = project.training.optimizer;
        const next = v as TrainingConfig['optimizer'];
        const kept = { ...next, kind: canChange(lesson, 'optimizer') ? next.kind : cur.kind, learningRate: canChange(lesson, 'learningRate') ? next.learningRate : cur.learningRate };
        if (kept.kind !== cur.kind || kept.learningRate !== cur.learningRate) patch[k] = kept;
        continue;
      }
      const control = TRAINING_FIELDS[k];
      if (control && !canChange(lesson, control)) continue;
      patch[k] = v;
    }
    return Object.keys(patch).length ? { ...edit, patch: patch as Partial<TrainingConfig> } : null;
  }
  return edit;
}
