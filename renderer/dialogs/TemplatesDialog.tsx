// The templates gallery: one card per template the host lists.
import { useEffect, useState } from 'react';
import type { Response } from '../../electron/contract.js';
import type { LayerLabApi } from '../api/client.js';
import { Modal } from './Modal.js';

type TemplateInfo = Response<'templates.list'>['templates'][number];

export function TemplatesDialog({ api, onOpen, onClose }: { api: LayerLabApi | null; onOpen(id: string): void; onClose(): void }) {
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    api.invoke('templates.list', {}).then(
      (r) => setTemplates(r.templates),
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
    </Modal>
  );
}
