// What the run's model and data are (see ./about.schema.ts). Which views apply comes from
// each view's own `applies`, so the panel never offers a view that would only fail.
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

/** The node id and kind of each model layer (layers not from a node keep their tfjs class). */
export function nodesOf(ctx: InspectContext): InspectReply<'about'>['nodes'] {
  const kindOf = new Map(ctx.project.graph.nodes.map((n) => [n.id, n.kind]));
  return ctx.model.layers.map((l) => {
    const id = ctx.nodeIdOf.get(l.name) ?? l.name;
    const shape = (Array.isArray(l.outputShape[0]) ? l.outputShape[0] : l.outputShape) as (number | null)[];
    return { id, kind: kindOf.get(id) ?? l.getClassName(), outputShape: shape.slice(1) };
  });
}

export function aboutOf(applies: (ctx: InspectContext) => Record<string, true | string>): InspectCompute<InspectParams<'about'>, InspectReply<'about'>> {
  return {
    applies: () => true,
    compute(ctx) {
      const ds = ctx.dataset;
      return {
        task: ds.task,
        datasetName: ds.name,
        inputShape: ds.inputShape,
        targetShape: ds.targetShape,
        ...(ds.classNames ? { classNames: ds.classNames } : {}),
        ...(ds.featureNames ? { featureNames: ds.featureNames } : {}),
        trainCount: ds.train.count,
        testCount: ds.test.count,
        nodes: nodesOf(ctx),
        views: applies(ctx),
      };
    },
  };
}
