// TensorFlow.js layer names derived from node ids. tfjs accepts only names matching
// /^[A-Za-z0-9][-A-Za-z0-9._/]*$/, and two layers may not share one, so ids are sanitised and
// de-duplicated; the map is kept both ways so errors and weights lead back to their node.

const VALID = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

/** One sanitised name: invalid characters become '_', a leading non-alphanumeric gets 'n'. */
export function sanitizeLayerName(id: string): string {
  if (VALID.test(id) && !id.includes('/')) return id;
  // '/' is legal for tfjs but is its name-scope separator; keep names flat.
  let s = id.replace(/[^-A-Za-z0-9._]/g, '_');
  if (!/^[A-Za-z0-9]/.test(s)) s = `n${s}`;
  return s;
}

export interface LayerNames {
  /** node id → tfjs layer name */
  layerNameOf: Map<string, string>;
  /** tfjs layer name → node id */
  nodeIdOf: Map<string, string>;
}

/** Unique layer names for the given node ids (in order; later clashes get _2, _3, …). */
export function layerNames(ids: readonly string[]): LayerNames {
  const layerNameOf = new Map<string, string>();
  const nodeIdOf = new Map<string, string>();
  for (const id of ids) {
    if (layerNameOf.has(id)) continue;
    const base = sanitizeLayerName(id);
    let name = base;
    for (let i = 2; nodeIdOf.has(name); i++) name = `${base}_${i}`;
    layerNameOf.set(id, name);
    nodeIdOf.set(name, id);
  }
  return { layerNameOf, nodeIdOf };
}

/** The node a tfjs layer or weight name belongs to ("d1/kernel" → "d1"), if any. */
export function nodeIdForTfName(names: LayerNames, tfName: string): string | undefined {
  const layer = tfName.split('/')[0] ?? tfName;
  return names.nodeIdOf.get(layer) ?? names.nodeIdOf.get(layer.replace(/_\d+$/, ''));
}
