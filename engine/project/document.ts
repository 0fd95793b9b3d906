// The project document as text: parsing (never throws: any bytes give either a project or
// one message that names the source and where in it — line:column for JSON syntax, a JSON
// path like graph.nodes[3].params.units for content) and canonical serialisation. No Node
// imports, so the renderer can use it too; files are read and written in io.ts.
import type { z } from 'zod';
import { getKind } from '../layers/registry.js';
import { firstValueProblem, PROJECT_LIMITS } from './limits.js';
import { migrate } from './migrate.js';
import { projectSchema } from './schema.js';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from './types.js';

export type ParseResult = { ok: true; project: Project; warnings: string[] } | { ok: false; error: string };

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** graph.nodes[3].params.units */
export function formatPath(path: Path): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) s += s ? `.${p}` : p;
    else s += `[${JSON.stringify(String(p))}]`;
  }
  return s || '(top level)';
}

function valueAt(doc: unknown, path: Path): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  // Only shallow values are written out: JSON.stringify of a deep one overflows the stack.
  const s = firstValueProblem(v, { maxDepth: 8 }) ? (Array.isArray(v) ? 'a deeply nested list' : 'a deeply nested object') : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** A path short enough for a message: the start and the end of a long one. */
function shortPath(path: Path): string {
  const s = formatPath(path);
  return s.length > 160 ? `${s.slice(0, 100)}…${s.slice(-50)}` : s;
}

/** One issue in words, with what was found when that helps. */
function issueText(issue: Issue, doc: unknown): string {
  const found = valueAt(doc, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined ? `is missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${describe(found)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(found)}`;
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid input: /, '')}, got ${describe(found)}`;
    case 'invalid_union':
      return `is not any accepted form, got ${describe(found)}`;
    default:
      return issue.message;
  }
}

const MAX_ISSUES = 5;

function issuesError(source: string, headline: string, issues: readonly Issue[], doc: unknown): string {
  const lines = issues.slice(0, MAX_ISSUES).map((i) => `  ${shortPath(i.path)}: ${issueText(i, doc)}`);
  if (issues.length > MAX_ISSUES) lines.push(`  … and ${issues.length - MAX_ISSUES} more`);
  return `${source}: ${headline}\n${lines.join('\n')}`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

/** JSON.parse with the error located at line:column (V8 reports a character offset). */
function parseJson(text: string, source: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: `${source}: not valid JSON: nested too deeply to read (${e.message})` };
    const msg = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const where = lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : lineColumn(text, pos ? Number(pos[1]) : text.length);
    const reason = msg.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { ok: false, error: `${source}:${where.line}:${where.column}: not valid JSON: ${reason}` };
  }
}

function looksBinary(text: string): boolean {
  // Control characters other than tab/CR/LF never occur in a JSON document.
  return /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096));
}

/** Parses a project document from text. Never throws. */
export function parseProject(text: string, source = 'project'): ParseResult {
  try {
    return parseUnsafe(text, source);
  } catch (e) {
    // Defence in depth: a bug above must still not crash the caller.
    return { ok: false, error: `${source}: could not be read: ${(e as Error).message}` };
  }
}

function parseUnsafe(raw: string, source: string): ParseResult {
  if (typeof raw !== 'string') return { ok: false, error: `${source}: expected text, got ${typeof raw}` };
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (looksBinary(text)) return { ok: false, error: `${source}: is a binary file, not a LayerLab project (a *.layerlab.json text file)` };
  if (text.trim() === '') return { ok: false, error: `${source}: is empty, not a LayerLab project` };
  const json = parseJson(text, source);
  if (!json.ok) return json;
  const doc = json.value;
  // Before anything walks the document recursively (migrations, validation, cloning).
  const deep = firstValueProblem(doc, { maxDepth: PROJECT_LIMITS.documentDepth });
  if (deep) {
    const [g, nodes, i] = deep.path;
    const node = g === 'graph' && nodes === 'nodes' && typeof i === 'number' ? valueAt(doc, ['graph', 'nodes', i, 'id']) : undefined;
    const whose = typeof node === 'string' ? ` (node '${node.slice(0, PROJECT_LIMITS.idLength)}'; a layer's params nest at most ${PROJECT_LIMITS.paramsDepth} levels)` : '';
    return { ok: false, error: `${source}: ${shortPath(deep.path)}: ${deep.message}${whose}; a LayerLab project is never nested this deeply` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, error: `${source}: a LayerLab project is a JSON object, got ${Array.isArray(doc) ? 'an array' : describe(doc)}` };
  const envelope = doc as Record<string, unknown>;
  if (envelope.format !== PROJECT_FORMAT)
    return {
      ok: false,
      error:
        envelope.format === undefined
          ? `${source}: format: missing; this is not a LayerLab project (expected "format": "${PROJECT_FORMAT}")`
          : `${source}: format: expected "${PROJECT_FORMAT}", got ${describe(envelope.format)}; this is not a LayerLab project`,
    };
  const warnings: string[] = [];
  const migrated = migrate(envelope);
  if (!migrated.ok) {
    if (migrated.issues) return { ok: false, error: issuesError(source, migrated.error, migrated.issues, migrated.doc) };
    return { ok: false, error: `${source}: ${migrated.error}` };
  }
  for (const step of migrated.applied) warnings.push(`${source}: migrated from version ${migrated.from}: ${step}`);
  const result = validate(migrated.doc, source, warnings);
  if (!result.ok) return result;
  for (const [i, node] of result.project.graph.nodes.entries())
    if (!getKind(node.kind)) warnings.push(`${source}: graph.nodes[${i}].kind: unknown layer kind '${node.kind}' (node '${node.id}')`);
  return result;
}

/** Schema validation; unknown keys are dropped with a warning rather than refusing the file. */
function validate(doc: unknown, source: string, warnings: string[]): ParseResult {
  let current = doc;
  for (let attempt = 0; attempt < 2; attempt++) {
    const parsed = projectSchema.safeParse(current);
    if (parsed.success) return { ok: true, project: parsed.data, warnings };
    const unknown = parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
    const other = parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys');
    if (other.length > 0 || attempt > 0) {
      const headline = `is not a valid LayerLab project (version ${PROJECT_VERSION})`;
      return { ok: false, error: issuesError(source, headline, other.length ? other : parsed.error.issues, current) };
    }
    current = structuredClone(current);
    for (const issue of unknown) {
      const owner = valueAt(current, issue.path) as Record<string, unknown>;
      for (const key of issue.keys) {
        delete owner[key];
        warnings.push(`${source}: ${formatPath([...issue.path, key])}: unknown field ignored`);
      }
    }
  }
  return { ok: false, error: `${source}: could not be validated` };
}

/** Decodes file bytes as UTF-8 (strictly) and parses them. Never throws. */
export function parseProjectBytes(bytes: Uint8Array, source = 'project'): ParseResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const nul = bytes.indexOf(0);
    return {
      ok: false,
      error:
        nul >= 0
          ? `${source}: is a binary file, not a LayerLab project (a *.layerlab.json text file)`
          : `${source}: is not UTF-8 text (byte ${firstBadUtf8(bytes)}); save it as UTF-8`,
    };
  }
  return parseProject(text, source);
}

function firstBadUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection (each probe is one decode).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      dec.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo + 1;
}

// --- Writing ---------------------------------------------------------------------------------

function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortedDeep(o[k])]),
  );
}

/** Keys in a fixed order: the given ones first (when present), the rest sorted. */
function ordered(o: Record<string, unknown>, first: readonly string[], map: (k: string, v: unknown) => unknown = (_k, v) => v) {
  const keys = [...first.filter((k) => o[k] !== undefined), ...Object.keys(o).filter((k) => !first.includes(k) && o[k] !== undefined).sort()];
  return Object.fromEntries(keys.map((k) => [k, map(k, o[k])]));
}

/** A node's params in the order its kind declares them (the inspector's order). */
function orderedParams(kind: string, params: Record<string, unknown>) {
  const spec = getKind(kind);
  return ordered(params, spec ? Object.keys(spec.params) : [], (_k, v) => sortedDeep(v));
}

/** Canonical text: stable key order, 2-space indent, trailing newline. Throws, naming the
 *  JSON path, for a project nested too deeply to write (parseProject never returns one). */
export function serializeProject(project: Project): string {
  const deep = firstValueProblem(project, { maxDepth: PROJECT_LIMITS.documentDepth });
  if (deep) throw new Error(`cannot write this project: ${shortPath(deep.path)}: ${deep.message}`);
  const doc = ordered(project as unknown as Record<string, unknown>, ['format', 'version', 'name', 'description', 'graph', 'groups', 'dataset', 'training'], (k, v) => {
    if (k === 'groups') return (v as NonNullable<Project['groups']>).map((g) => ordered(g as unknown as Record<string, unknown>, ['id', 'name', 'nodes', 'collapsed', 'position', 'link'], (_gk, gv) => sortedDeep(gv)));
    if (k === 'graph') {
      const g = v as Project['graph'];
      return {
        nodes: g.nodes.map((n) =>
          ordered(n as unknown as Record<string, unknown>, ['id', 'kind', 'params', 'position'], (nk, nv) =>
            nk === 'params' ? orderedParams(n.kind, nv as Record<string, unknown>) : nk === 'position' ? ordered(nv as Record<string, unknown>, ['x', 'y']) : sortedDeep(nv),
          ),
        ),
        edges: g.edges.map((e) => ordered(e as unknown as Record<string, unknown>, ['id', 'source', 'target', 'targetPort'])),
      };
    }
    if (k === 'dataset') return ordered(v as Record<string, unknown>, ['id', 'file', 'format', 'options'], (_dk, dv) => sortedDeep(dv));
    if (k === 'training')
      return ordered(
        v as Record<string, unknown>,
        ['optimizer', 'loss', 'metrics', 'epochs', 'batchSize', 'validationSplit', 'seed', 'earlyStopping', 'lrSchedule'],
        (tk, tv) => (tk === 'optimizer' ? ordered(tv as Record<string, unknown>, ['kind', 'learningRate']) : tk === 'lrSchedule' && tv ? ordered(tv as Record<string, unknown>, ['kind']) : sortedDeep(tv)),
      );
    return v;
  });
  return `${pretty(doc, '')}\n`;
}

/** JSON.stringify(v, null, 2), except that lists of plain values stay on one line
 *  ("shape": [28, 28, 1]), which keeps shapes readable and diffs small. */
function pretty(v: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x) ?? 'null').join(', ')}]`;
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
