// What a model file is, by its content, without TensorFlow.js: the app's host asks this of
// every file it opens (a project or a model to import) and only hands models to the worker.

export type ImportFormat = 'tfjs' | 'keras-json' | 'keras';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  tfjs: 'TensorFlow.js layers model',
  'keras-json': 'Keras model JSON (architecture only)',
  keras: 'Keras 3 .keras file',
};

/** What a file is, by its bytes: a zip (PK\x03\x04) is a .keras file, JSON with a
 *  modelTopology is TensorFlow.js, JSON with class_name/config a Keras model; null otherwise
 *  (a LayerLab project among them). */
export function detectModelFormat(bytes: Uint8Array): ImportFormat | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'keras';
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  return detectModelDoc(doc);
}

/** The same for a parsed JSON document. */
export function detectModelDoc(doc: unknown): ImportFormat | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const o = doc as Record<string, unknown>;
  if (o.format === 'layerlab-project') return null;
  if (o.modelTopology && typeof o.modelTopology === 'object') return 'tfjs';
  if (typeof o.class_name === 'string' && o.config && typeof o.config === 'object') return 'keras-json';
  return null;
}
