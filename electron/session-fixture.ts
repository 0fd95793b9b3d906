// A session with a real training worker in a temporary workspace, for the tests that drive
// the handlers end to end: its events, call/fails on its channels, and a training that waits
// for the run's last write.
import path from 'node:path';
import { expect, vi } from 'vitest';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import type { Project } from '../engine/project/types.js';
import type { TrainingEvent } from '../engine/train/events.js';
import type { Envelope, EventName } from './contract.js';
import { Session, type Dialogs } from './handlers.js';
import { tsxWorker } from './trainer.js';

export interface TestSession {
  session: Session;
  events: { event: EventName; payload: unknown }[];
  /** The channel's value; throws with the error's code and message. */
  call<T = unknown>(channel: string, request: unknown): Promise<T>;
  /** The channel's error; throws when it succeeds. */
  fails(channel: string, request: unknown): Promise<{ code: string; message: string }>;
  /** Starts a training (on the cpu backend) and waits until its run is written; answers the
   *  job's own training events. */
  train(project: Project, extra?: Record<string, unknown>): Promise<{ jobId: string; documentId?: string; events: TrainingEvent[] }>;
}

export function testSession(opts: { workspace: string; openFile?: () => string | null; exportDir?: (stem: string) => string }): TestSession {
  const events: TestSession['events'] = [];
  const dialogs: Dialogs = {
    pickOpenFile: async () => opts.openFile?.() ?? null,
    pickSaveFile: async (name) => path.join(opts.workspace, name),
    pickExportDir: async (stem) => opts.exportDir?.(stem) ?? path.join(opts.workspace, stem),
  };
  const session = new Session({ dialogs, templatesDir: TEMPLATES_DIR, worker: tsxWorker(), workspace: opts.workspace, emit: (event, payload) => events.push({ event, payload }) });
  const call = async <T,>(channel: string, request: unknown): Promise<T> => {
    const r = (await session.handle(channel, request)) as Envelope<T>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return {
    session,
    events,
    call,
    async fails(channel, request) {
      const r = await session.handle(channel, request);
      if (r.ok) throw new Error(`${channel} should have failed`);
      return r.error;
    },
    async train(project, extra = {}) {
      const before = events.length;
      const started = await call<{ jobId: string; documentId?: string }>('training.start', { project, backend: 'cpu', ...extra });
      await vi.waitFor(() => expect(events.slice(before).some((e) => e.event === 'runs.changed' && (e.payload as { reason: string }).reason === 'ended')).toBe(true), { timeout: 60_000, interval: 50 });
      const mine = events.slice(before).filter((e) => e.event === 'training.event').map((e) => e.payload as TrainingEvent);
      return { ...started, events: mine.filter((e) => e.jobId === started.jobId) };
    },
  };
}
