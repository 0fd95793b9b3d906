// One parameter editor, chosen by the spec's type. Text fields keep a draft so a half-typed
// value can be shown as invalid without being written into the project.
import { useEffect, useId, useState } from 'react';
import { checkParam } from '../../engine/layers/params.js';
import type { ParamSpec, Regularizer } from '../../engine/layers/types.js';
import { paramToText, parseParamText } from '../state/paramText.js';

export interface ParamFieldProps {
  name: string;
  spec: ParamSpec;
  /** The value in the project, or undefined when the default applies. */
  value: unknown;
  /** Problems the checker reports for this parameter. */
  issues: string[];
  /** `transient` edits are typing in progress (one undo step per field visit). */
  onChange(value: unknown, transient: boolean): void;
  onCommit(): void;
}

const TYPE_HINT: Record<ParamSpec['type'], string> = {
  int: 'integer',
  float: 'number',
  bool: 'on/off',
  enum: 'choice',
  intTuple: 'n or n, m',
  shape: 'dims',
  regularizer: 'L1/L2',
};

export function ParamField({ name, spec, value, issues, onChange, onCommit }: ParamFieldProps) {
  const id = useId();
  const effective = value === undefined ? spec.default : value;
  const localError = value === undefined ? null : checkParam(name, spec, value);
  const messages = [...new Set([...(localError ? [localError] : []), ...issues])];
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{name}</span>
        <span className="type">
          {value !== undefined && (
            <button type="button" className="reset" title={`Back to the default (${JSON.stringify(spec.default)})`} onClick={() => onChange(undefined, false)}>
              default
            </button>
          )}
          {TYPE_HINT[spec.type]}
        </span>
      </label>
      <Editor id={id} name={name} spec={spec} value={effective} onChange={onChange} onCommit={onCommit} invalid={messages.length > 0} />
      {messages.map((m) => (
        <div key={m} className="invalid" role="alert">
          {m}
        </div>
      ))}
      <div className="hint">{spec.doc}</div>
    </div>
  );
}

interface EditorProps {
  id: string;
  name: string;
  spec: ParamSpec;
  value: unknown;
  invalid: boolean;
  onChange(value: unknown, transient: boolean): void;
  onCommit(): void;
}

function Editor(p: EditorProps) {
  switch (p.spec.type) {
    case 'bool':
      return (
        <label className="check">
          <input id={p.id} type="checkbox" data-param={p.name} checked={p.value === true} onChange={(e) => p.onChange(e.target.checked, false)} />
          {p.value ? 'on' : 'off'}
        </label>
      );
    case 'enum': {
      const spec = p.spec;
      return (
        <select id={p.id} className="select" data-param={p.name} value={p.value === null ? '' : String(p.value)} onChange={(e) => p.onChange(e.target.value === '' ? null : e.target.value, false)}>
          {(spec.nullable || spec.default === null) && <option value="">none</option>}
          {spec.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    }
    case 'regularizer':
      return <RegularizerEditor {...p} />;
    default:
      return <TextEditor {...p} />;
  }
}

function TextEditor({ id, name, spec, value, invalid, onChange, onCommit }: EditorProps) {
  const [draft, setDraft] = useState(() => paramToText(value));
  const [error, setError] = useState<string | null>(null);
  // The project changed under us (undo, redo): show its value, unless the draft already
  // says the same thing ("0." while typing "0.5" must survive).
  useEffect(() => {
    setDraft((d) => {
      const r = parseParamText(name, spec, d);
      return r.ok && JSON.stringify(r.value) === JSON.stringify(value) ? d : paramToText(value);
    });
    setError(null);
  }, [value, name, spec]);
  const numeric = spec.type === 'int' || spec.type === 'float';
  return (
    <>
      <input
        id={id}
        className="input"
        data-param={name}
        inputMode={numeric ? 'decimal' : 'text'}
        value={draft}
        aria-invalid={invalid || error !== null}
        placeholder={spec.nullable ? 'none' : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = parseParamText(name, spec, e.target.value);
          if (r.ok) {
            setError(null);
            onChange(r.value, true);
          } else setError(r.error);
        }}
        onBlur={() => {
          onCommit();
          if (error) {
            setDraft(paramToText(value));
            setError(null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit();
        }}
      />
      {error && (
        <div className="invalid" role="alert">
          {error}
        </div>
      )}
    </>
  );
}

function RegularizerEditor({ id, name, value, onChange }: EditorProps) {
  const r = (value ?? null) as Regularizer | null;
  const set = (k: 'l1' | 'l2', text: string) => {
    const x = Number(text);
    if (!Number.isFinite(x) || x < 0) return;
    onChange({ l1: r?.l1 ?? 0, l2: r?.l2 ?? 0, [k]: x }, false);
  };
  return (
    <div>
      <label className="check">
        <input id={id} type="checkbox" data-param={name} checked={r !== null} onChange={(e) => onChange(e.target.checked ? { l1: 0, l2: 0.001 } : null, false)} />
        weight decay
      </label>
      {r && (
        <div className="row2" style={{ marginTop: 6 }}>
          <input className="input" aria-label={`${name} L1`} type="number" min={0} step="any" defaultValue={r.l1 ?? 0} onChange={(e) => set('l1', e.target.value)} />
          <input className="input" aria-label={`${name} L2`} type="number" min={0} step="any" defaultValue={r.l2 ?? 0} onChange={(e) => set('l2', e.target.value)} />
        </div>
      )}
    </div>
  );
}
