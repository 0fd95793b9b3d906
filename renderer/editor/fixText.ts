// The words on and around a Fix button: what the edit will do (its title) and the short form
// of a diagnostic that fits on a node (the full text stays on hover and in the inspector).
import type { Diagnostic } from '../../engine/check/types.js';
import { plainShape } from '../../engine/layers/shape-text.js';
import type { ShapeFix } from '../../engine/layers/types.js';

const value = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** "Insert a Reshape to [28, 28, 1] before 'c'", "Set units of 'out' to 10", …; `at`: the
 *  node the words are shown on, which they then do not name. */
export function fixText(fix: ShapeFix, at?: string): string {
  const here = fix.node === undefined || fix.node === at;
  const on = here ? '' : ` '${fix.node}'`;
  switch (fix.kind) {
    case 'insert': {
      const target = fix.params.targetShape;
      return `Insert a ${fix.layer}${fix.layer === 'Reshape' && Array.isArray(target) ? ` to ${plainShape(target as number[])}` : ''} before${on || ' it'}`;
    }
    case 'setParam':
      return `Set ${fix.param}${on ? ` of${on}` : ''} to ${value(fix.value)}`;
    case 'setInputShape':
      return `Set the shape of the Input${on} to ${plainShape(fix.shape)}`;
    case 'remove':
      return `Remove${on || ' this layer'}, passing its input on`;
    case 'setLoss':
      return `Use the loss ${fix.loss}`;
    case 'all': {
      const parts = fix.fixes.map((f, i) => (i === 0 ? fixText(f, at) : fixText(f, at).replace(/^./, (c) => c.toLowerCase())));
      return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    }
  }
}

/** The message without the node's own name (the node shows it) and, when a Fix button does
 *  what the words after ';' advise, without that advice. */
export function shortMessage(d: Diagnostic, node?: { id: string; kind: string }): string {
  let m = d.message;
  if (node) {
    const own = `${node.kind} '${node.id}' `;
    if (m.startsWith(own)) m = m.slice(own.length);
  }
  if (d.fix) {
    const cut = m.indexOf('; ');
    if (cut > 0) m = m.slice(0, cut);
  }
  // Where an input comes from, the edge into the node shows already.
  if (node) m = m.replace(/ (from|of) '[^']*'/g, '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}
