// Text ⇄ value for the inspector's text fields, validated with the catalog's own checker
// so the inspector and the checker never disagree about what is allowed.
import { checkParam } from '../../engine/layers/params.js';
import type { ParamSpec } from '../../engine/layers/types.js';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseList(text: string, allowNull: boolean): (number | null)[] | null {
  const parts = text.replace(/[[\]()]/g, '').split(/[\s,×x]+/).filter(Boolean);
  const out: (number | null)[] = [];
  for (const p of parts) {
    if (allowNull && /^(\?|none|null)$/i.test(p)) {
      out.push(null);
      continue;
    }
    const n = Number(p);
    if (!Number.isFinite(n)) return null;
    out.push(n);
  }
  return out;
}

export function parseParamText(name: string, spec: ParamSpec, text: string): Parsed {
  const t = text.trim();
  let value: unknown;
  if (t === '' && (spec.nullable || spec.default === null)) value = null;
  else if (spec.type === 'int' || spec.type === 'float') {
    value = t === '' ? NaN : Number(t);
    if (Number.isNaN(value)) return { ok: false, error: `'${name}' must be a number, got "${text}"` };
  } else if (spec.type === 'intTuple' || spec.type === 'shape') {
    const list = parseList(t, spec.type === 'shape' && !!spec.allowNull);
    if (!list || list.length === 0) return { ok: false, error: `'${name}' must be numbers separated by commas, got "${text}"` };
    value = spec.type === 'intTuple' && list.length === 1 ? list[0] : list;
  } else {
    value = t;
  }
  const err = checkParam(name, spec, value);
  return err ? { ok: false, error: err } : { ok: true, value };
}

export function paramToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => (v === null ? '?' : String(v))).join(', ');
  return String(value);
}
