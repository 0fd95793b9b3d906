// The one place that words a kind's structured shape error: the checker calls it with the
// node and the nodes its inputs come from, the per-kind tests with the kind alone. Because
// every shape in the error is data tied to its input port, naming where an input comes from
// needs no search through the text.
import { size } from './shape.js';
import { formatShape, plainShape as plain } from './shape-text.js';
import type { ParamValue, Shape, ShapeError, ShapeFix } from './types.js';

export interface RenderContext {
  /** The kind's name, e.g. 'Conv2D'. */
  kind: string;
  /** The node's id, when the error is on a node of a graph. */
  node?: string;
  /** The node each input port gets its shape from, by port. */
  sources?: readonly string[];
}

function value(v: ParamValue): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

/** The words for an edit: "insert a Reshape to [28, 28, 1]", "set padding to 'same'". */
export function renderFix(fix: ShapeFix, kind: string): string {
  switch (fix.kind) {
    case 'insert': {
      const target = fix.params.targetShape;
      return fix.layer === 'Reshape' && Array.isArray(target) ? `insert a Reshape to ${plain(target)}` : `insert a ${fix.layer} before it`;
    }
    case 'setParam':
      return `set ${fix.param} to ${value(fix.value)}`;
    case 'setInputShape':
      return `first make the Input${fix.node ? ` '${fix.node}'` : ''} match the dataset (its examples have shape ${plain(fix.shape)}), or choose the dataset this network is for`;
    case 'remove':
      return `remove the ${kind}`;
    case 'setLoss':
      return `use the loss ${fix.loss}`;
    case 'all':
      return fix.fixes.map((f) => renderFix(f, kind)).join(' and ');
  }
}

/** The whole message: "Conv2D 'c1' needs a 4-D input … but gets [batch, 784] from 'd1'; insert a Reshape to [28, 28, 1]". */
export function renderShapeError(err: ShapeError, ctx: RenderContext): string {
  const subject = ctx.node === undefined ? ctx.kind : `${ctx.kind} '${ctx.node}'`;
  const source = (port: number) => ctx.sources?.[port];
  /** An input's shape, with the node it comes from when known ("from" already written: "of"). */
  const shape = (s: Shape, port: number, afterFrom = false) => {
    const from = source(port);
    return `${formatShape(s)}${from === undefined ? '' : afterFrom ? ` of '${from}'` : ` from '${from}'`}`;
  };
  const port = err.input ?? 0;
  let statement: string;
  // The advice the kind's own words give; a fix to the Input (the data needs it) replaces it.
  let advice = [err.fix ? renderFix(err.fix, ctx.kind) : '', err.advice ?? ''].join('');
  switch (err.problem) {
    case 'rank':
      statement = `${subject} needs a ${err.expected.rank}-D input [batch, ${err.expected.layout}] but gets ${shape(err.got, port)}`;
      break;
    case 'needs':
      statement = `${subject} ${err.verb ?? 'needs'} ${err.expected} but gets ${shape(err.got, port)}${err.gotNote ?? ''}`;
      break;
    case 'unknown':
      statement = `${subject} needs ${err.expected} but gets ${shape(err.got, port)}`;
      advice ||=
        'unknown sizes come from an Input with null dimensions or a Reshape with -1 (TensorFlow.js resolves -1 only at run time), so write the size there instead';
      break;
    case 'axis': {
      const n = err.got.length;
      const which = err.input === undefined ? 'an input' : `input ${err.input + 1}`;
      statement = `${subject} axis ${err.expected.axis} does not fit ${which} ${shape(err.got, port)}: it must name a non-batch axis, 1..${n} or -1..-${n}`;
      break;
    }
    case 'count':
      statement = `${subject} needs at least ${err.expected.min} inputs but gets ${err.got}`;
      break;
    case 'rank-mismatch':
      statement = `${subject} needs inputs of the same rank but input 1 is ${shape(err.got[0], 0)} and input ${err.input + 1} is ${shape(err.got[1], err.input)}`;
      advice ||= 'insert a Reshape or Flatten before one of them';
      break;
    case 'mismatch': {
      const pair = `input 1 is ${shape(err.got[0], 0)} and input ${err.input + 1} is ${shape(err.got[1], err.input)}`;
      const e = err.expected;
      if (e.equal === 'shape') {
        statement = `${subject} needs inputs of equal shape but ${pair}`;
        if (err.fix?.kind !== 'setInputShape') advice = `make them equal (e.g. a Dense or Reshape before input ${err.input + 1})`;
      } else {
        statement = `${subject} on axis ${e.axis} needs the other dimensions to agree but ${pair} (they differ on axis ${e.differ})`;
        if (err.fix?.kind !== 'setInputShape') advice = `make them equal or concatenate on axis ${e.differ}`;
      }
      break;
    }
    case 'window': {
      const e = err.expected;
      const input = err.got.slice(0, e.size.length);
      const dims = (d: readonly (number | null)[]) => d.map((x) => x ?? '?').join('×');
      statement =
        e.unit === 'steps'
          ? `${subject} ${e.what} of ${e.size[0]} steps is longer than its input of ${input[0] ?? '?'} steps (from ${shape(err.got, port, true)})`
          : `${subject} ${e.what} ${dims(e.size)} is larger than its input ${dims(input)} (from ${shape(err.got, port, true)})`;
      if (err.fix?.kind !== 'setInputShape') advice = `use a smaller ${e.param} or padding 'same'`;
      break;
    }
    case 'size': {
      const e = err.expected;
      const n = size(err.got);
      statement = e.multiple
        ? `${subject} to ${plain(e.targetShape)} needs a multiple of ${e.values} values but gets ${n} from ${shape(err.got, port, true)}`
        : `${subject} to ${plain(e.targetShape)} needs ${e.values} values but gets ${n} from ${shape(err.got, port, true)}`;
      advice ||= e.multiple ? `change targetShape so its known dimensions divide ${n}` : `change targetShape so its dimensions multiply to ${n} (or use one -1)`;
      break;
    }
  }
  return advice ? `${statement}; ${advice}` : statement;
}
