// Size and depth limits of the project document. They exist so that whatever loads can be
// saved and sent again: JSON.parse reads any depth, but JSON.stringify, structuredClone and the
// serialiser recurse and overflow the stack somewhere past a few thousand levels, with a
// RangeError that names nothing. The limits sit far above anything a network drawn by hand
// needs (the templates nest params 2 levels deep and have at most 9 nodes).

export const PROJECT_LIMITS = {
  /** Levels of objects and lists inside one node's `params` (or the dataset's `options`), the params object itself counted. */
  paramsDepth: 32,
  /** Levels in the whole document: the params' depth plus the document's own nesting around them, with room to spare. */
  documentDepth: 48,
  nodes: 10_000,
  edges: 20_000,
  /** Node and edge ids, edge ends, layer kinds, dataset ids. */
  idLength: 200,
  nameLength: 1_000,
  descriptionLength: 100_000,
  /** A dataset file reference (PATH_MAX on Linux). */
  fileLength: 4_096,
  /** A key inside params or options. */
  keyLength: 200,
  /** A string value inside params or options. */
  stringLength: 10_000,
} as const;

export type JsonPath = (string | number)[];

export interface ValueProblem {
  /** Where, relative to the value that was checked. */
  path: JsonPath;
  message: string;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

function pathOf(f: Frame): JsonPath {
  const path: JsonPath = [];
  for (let at: Frame | null = f; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first problem in a JSON-like value, or null: a container nested more than `maxDepth`
 * levels (the value itself is level 1 when it is an object or a list), and, when given, a key
 * or string longer than allowed. Walks with its own stack, so a value of any depth is safe to
 * ask about.
 */
export function firstValueProblem(value: unknown, limits: { maxDepth: number; maxKey?: number; maxString?: number }): ValueProblem | null {
  const stack: Frame[] = [{ value, depth: 1, parent: null, key: null }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v === 'string') {
      if (limits.maxString !== undefined && v.length > limits.maxString)
        return { path: pathOf(f), message: `a text of ${v.length} characters; at most ${limits.maxString} are allowed here` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (f.depth > limits.maxDepth) return { path: pathOf(f), message: `nested more than ${limits.maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: f.depth + 1, parent: f, key: i });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const child: Frame = { value: (v as Record<string, unknown>)[k], depth: f.depth + 1, parent: f, key: k };
      if (limits.maxKey !== undefined && k.length > limits.maxKey)
        return { path: pathOf(f), message: `has a key of ${k.length} characters; at most ${limits.maxKey} are allowed` };
      stack.push(child);
    }
  }
  return null;
}

/** The limits a node's params and the dataset's options are held to. */
export const PARAMS_LIMITS = {
  maxDepth: PROJECT_LIMITS.paramsDepth,
  maxKey: PROJECT_LIMITS.keyLength,
  maxString: PROJECT_LIMITS.stringLength,
} as const;
