// The templates gallery: one card per template the host lists.
import { useEffect, useState } from 'react';
import type { Response } from '../../electron/contract.js';
import type { LayerLabApi } from '../api/client.js';
import { Modal } from './Modal.js';

type TemplateInfo = Response<'templates.list'>['templates'][number];
type LessonInfo = Response<'templates.list'>['lessons'][number];

export function TemplatesDialog({ api, onOpen, onOpenLesson, onClose }: { api: LayerLabApi | null; onOpen(id: string): void; onOpenLesson(id: string, source: LessonInfo['source']): void; onClose(): void }) {
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [lessons, setLessons] = useState<LessonInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    api.invoke('templates.list', {}).then(
      (r) => {
        setTemplates(r.templates);
        setLessons(r.lessons);
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);
  return (
    <Modal title="Templates" onClose={onClose}>
      {!api && <div className="diag error">Not connected to the LayerLab host.</div>}
      {error && <div className="diag error">{error}</div>}
      {api && !templates && !error && <div className="muted">Loading templates…</div>}
      <div className="gallery" data-view="templates">
        {templates?.map((t) => (
          <button key={t.id} className="card" data-template={t.id} title={t.description} onClick={() => onOpen(t.id)}>
            <h3>{t.name}</h3>
            {t.description && <p>{t.description}</p>}
            <div className="meta">
              <span className="tag">{t.layers} layers</span>
              {t.datasetId && <span className="tag">{t.datasetId}</span>}
            </div>
          </button>
        ))}
      </div>
      {lessons.length > 0 && (
        <>
          <h3 className="gallery-head">Lessons</h3>
          <p className="muted" style={{ marginTop: 0 }}>
            Exercises with instructions and steps; some controls are fixed by the lesson. Each opens as your own copy.
          </p>
          <div className="gallery" data-view="lessons">
            {lessons.map((l) => (
              <button key={`${l.source}:${l.id}`} className="card" data-lesson={l.id} data-lesson-source={l.source} title={l.description} onClick={() => onOpenLesson(l.id, l.source)}>
                <h3>{l.title}</h3>
                {l.description && <p>{l.description}</p>}
                <div className="meta">
                  <span className="tag">{l.steps} steps</span>
                  {l.datasetId && <span className="tag">{l.datasetId}</span>}
                  {l.source === 'shared' && <span className="tag">shared</span>}
                </div>
              </button>
            ))}
          </div>
        </>
      )}
    </Modal>
  );
}
