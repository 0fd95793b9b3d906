// A control the project's lesson may lock (shown, disabled, saying why) or hide from the
// class; the teacher preparing the lesson sees everything.
import type { ReactNode } from 'react';
import { canChange, isHidden, type LessonControl } from '../../engine/project/lesson.js';
import { useApp } from '../app/context.js';
import { useEditorState } from '../state/store.js';

export function useLessonControl(control: LessonControl): { hidden: boolean; locked: boolean } {
  const { store } = useApp();
  const lesson = useEditorState(store, (s) => (s.lessonEditing ? undefined : s.history.present.lesson));
  return { hidden: isHidden(lesson, control), locked: !canChange(lesson, control) };
}

export function Locked({ control, children }: { control: LessonControl; children: ReactNode }) {
  const { hidden, locked } = useLessonControl(control);
  if (hidden) return null;
  if (!locked) return <>{children}</>;
  return (
    <fieldset disabled className="lesson-locked" data-locked={control} title="Fixed by the lesson" style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      {children}
    </fieldset>
  );
}
