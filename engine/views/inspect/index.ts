// The inspect views' computations, by name (their schemas: ./schemas.ts). The worker answers
// 'inspect' requests through `runInspect`; the CLI can call a view's compute directly.
import { plane } from './plane.js';
import { check } from '../../check/check.js';
import { layerNames } from '../../compile/names.js';
import { aboutOf } from './about.js';
import { predict } from './predict.js';
import { adversarial } from './adversarial.js';
import { samples } from './samples.js';
import { activations } from './activations.js';
import { latent } from './latent.js';
import { scores } from './scores.js';
import { cell } from './cell.js';
import { sequence } from './sequence.js';
import { INSPECT_SCHEMAS, INSPECT_VIEW_NAMES, type InspectAnswer, type InspectParams, type InspectReply, type InspectRequest, type InspectViewName } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

export type { InspectContext } from './types.js';

type Table = { [K in InspectViewName]: InspectCompute<InspectParams<K>, InspectReply<K>> };

function appliesAll(ctx: InspectContext): Record<string, true | string> {
  const out: Record<string, true | string> = {};
  for (const name of INSPECT_VIEW_NAMES) {
    if (name === 'about') continue;
    try {
      out[name] = INSPECT_VIEWS[name].applies(ctx);
    } catch (e) {
      out[name] = (e as Error).message;
    }
  }
  return out;
}

export const INSPECT_VIEWS: Table = {
  about: aboutOf(appliesAll),
  samples,
  predict,
  activations,
  latent,
  scores,
  cell,
  adversarial,
  sequence,
  plane,
};

/** Answers one request (params validated against the view's schema first). */
export async function runInspect(ctx: InspectContext, req: { view: string; params: unknown }): Promise<InspectAnswer> {
  if (!Object.hasOwn(INSPECT_SCHEMAS, req.view)) throw new Error(`no inspect view '${String(req.view).slice(0, 40)}'`);
  const view = req.view as InspectViewName;
  const params = INSPECT_SCHEMAS[view].params.parse(req.params ?? {});
  const why = INSPECT_VIEWS[view].applies(ctx);
  if (why !== true) throw new Error(`${view}: ${why}`);
  const compute = INSPECT_VIEWS[view].compute as (c: InspectContext, p: unknown) => Promise<unknown> | unknown;
  return { view, value: await compute(ctx, params) } as InspectAnswer;
}

export type { InspectRequest };

/** The context of a model trained from `project`: its layers' node ids from the project's
 *  build plan (the names compile gave them). */
export function inspectContext(model: InspectContext['model'], project: InspectContext['project'], dataset: InspectContext['dataset'], run: InspectContext['run'] = null): InspectContext {
  const plan = check(project).plan;
  const nodeIdOf = plan ? layerNames(plan.steps.map((s) => s.id)).nodeIdOf : new Map(project.graph.nodes.map((n) => [n.id, n.id]));
  return { model, project, dataset, nodeIdOf, run };
}
