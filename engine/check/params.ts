// Per-node checks that need no graph: the kind exists and the parameters are known and valid.
import { resolveParams } from '../layers/params.js';
import { kindNames } from '../layers/registry.js';
import type { Params } from '../layers/types.js';
import type { Diagnostics } from './diagnostics.js';
import { label, type CleanNode } from './normalize.js';
import { closest } from './suggest.js';

/** Resolved parameters of every node whose kind is known and whose parameters are valid. */
export function checkNodeParams(nodes: readonly CleanNode[], diag: Diagnostics): Map<string, Params> {
  const resolved = new Map<string, Params>();
  for (const node of nodes) {
    const layer = node.layer;
    if (!layer) {
      if (node.kind === '') {
        diag.nodeError(node.id, 'unknown-kind', `node '${node.id}' has no kind; set "kind" to a layer such as "Dense"`);
        continue;
      }
      const names = kindNames();
      const guess = closest(node.kind, names);
      diag.nodeError(
        node.id,
        'unknown-kind',
        `node '${node.id}' has unknown kind '${node.kind}'; ${guess ? `did you mean '${guess}'?` : `known kinds are ${names.join(', ')}`}`,
      );
      continue;
    }
    // Own keys only: 'toString' in {} is true, and a parameter named so is still unknown.
    const known: Record<string, unknown> = {};
    let bad = false;
    for (const key of Object.keys(node.params)) {
      if (Object.hasOwn(layer.params, key)) {
        known[key] = node.params[key];
        continue;
      }
      const names = Object.keys(layer.params);
      const guess = closest(key, names);
      const hint = guess ? `did you mean '${guess}'?` : names.length ? `its parameters are ${names.join(', ')}` : 'it takes no parameters';
      diag.nodeError(node.id, 'unknown-param', `${label(node)} has an unknown parameter '${key}'; ${hint}`, { param: key });
      bad = true;
    }
    const { params, issues } = resolveParams(layer.params, known);
    for (const issue of issues) {
      diag.nodeError(node.id, 'invalid-param', `${label(node)}: ${issue.message}`, { param: issue.param });
      bad = true;
    }
    if (!bad) resolved.set(node.id, params);
  }
  return resolved;
}
