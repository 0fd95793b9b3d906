// Engineered inputs for a two-feature dataset (the lecture's "polynomial logistic
// regression"): x1², x2², x1·x2, sin(x1), sin(x2) appended to the two raw features before
// scaling, so a network without a hidden layer can draw a curved boundary. Chosen with the
// dataset option `engineered`, e.g. {"id": "circles", "options": {"engineered": ["x1^2", "x2^2"]}};
// the Input then takes 2 + (number of features) values.

export const ENGINEERED_FEATURES = {
  'x1^2': (a: number, _b: number) => a * a,
  'x2^2': (_a: number, b: number) => b * b,
  'x1*x2': (a: number, b: number) => a * b,
  'sin(x1)': (a: number, _b: number) => Math.sin(a),
  'sin(x2)': (_a: number, b: number) => Math.sin(b),
} as const;

export type EngineeredFeature = keyof typeof ENGINEERED_FEATURES;
export const ENGINEERED_NAMES = Object.keys(ENGINEERED_FEATURES) as EngineeredFeature[];

/** The option's value checked: a list of known, distinct feature names; or why not. */
export function parseFeatures(value: unknown): { features: EngineeredFeature[] } | { error: string } {
  if (!Array.isArray(value)) return { error: `option engineered must be a list of feature names (${ENGINEERED_NAMES.join(', ')}), got ${JSON.stringify(value)}` };
  const seen = new Set<string>();
  for (const f of value) {
    if (typeof f !== 'string' || !Object.hasOwn(ENGINEERED_FEATURES, f)) return { error: `option engineered: unknown feature ${JSON.stringify(f)}; known are ${ENGINEERED_NAMES.join(', ')}` };
    if (seen.has(f)) return { error: `option engineered names ${JSON.stringify(f)} twice` };
    seen.add(f);
  }
  return { features: value as EngineeredFeature[] };
}

/** Rows of 2 raw features → rows of 2 + features.length (raw first, then each feature). */
export function engineerRows(x: Float32Array, count: number, features: readonly EngineeredFeature[]): Float32Array {
  if (x.length !== count * 2) throw new Error(`engineered features need rows of 2 features; got ${x.length} values for ${count} rows`);
  const w = 2 + features.length;
  const out = new Float32Array(count * w);
  const fns = features.map((f) => ENGINEERED_FEATURES[f]);
  for (let r = 0; r < count; r++) {
    const a = x[2 * r]!;
    const b = x[2 * r + 1]!;
    out[r * w] = a;
    out[r * w + 1] = b;
    for (let k = 0; k < fns.length; k++) out[r * w + 2 + k] = fns[k]!(a, b);
  }
  return out;
}
