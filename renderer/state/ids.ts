// Readable node and edge ids ("dense_2", "e5"): they become TensorFlow.js layer names and
// appear in error messages, so they must be stable and easy to read.

export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z])/, 'n$1') || 'n';
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** "Conv2D" → "conv2d", "MaxPooling2D" → "max_pooling2d". */
export function prefixForKind(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function edgeId(taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const id = `e${i}`;
    if (!taken.has(id)) return id;
  }
}
