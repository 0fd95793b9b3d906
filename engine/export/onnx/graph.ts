// A small ONNX graph builder (nodes, initializers, inputs, outputs as plain objects) and the
// encoder that turns it into the bytes of an `.onnx` file through protobufjs.
import protobuf from 'protobufjs';
import { ONNX_PROTO } from './onnx-proto.js';

/** The opset the exporter writes: 17 is the first with LayerNormalization. */
export const OPSET = 17;
/** IR version 8 is the one that goes with opset 17 (ONNX 1.12). */
export const IR_VERSION = 8;

const FLOAT = 1;
const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/** A number is an INT attribute, a number[] INTS; floats are written `{ f }` or `{ floats }`. */
export type AttrValue = number | string | number[] | { f: number } | { floats: number[] } | { strings: string[] };

interface Attribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

interface Node {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: Attribute[];
}

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

interface ValueInfo {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

function attribute(name: string, v: AttrValue): Attribute {
  if (typeof v === 'string') return { name, type: ATTR.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') return { name, type: ATTR.INT, i: v };
  if (Array.isArray(v)) return { name, type: ATTR.INTS, ints: v };
  if ('f' in v) return { name, type: ATTR.FLOAT, f: v.f };
  if ('strings' in v) return { name, type: ATTR.STRINGS, strings: v.strings.map((x) => new TextEncoder().encode(x)) };
  return { name, type: ATTR.FLOATS, floats: v.floats };
}

/** Dimensions: a number, or null for one unknown until run time (the batch). */
function valueInfo(name: string, shape: (number | null)[], elemType = FLOAT): ValueInfo {
  return { name, type: { tensorType: { elemType, shape: { dim: shape.map((d, i) => (d === null ? { dimParam: i === 0 ? 'batch' : `d${i}` } : { dimValue: d })) } } } };
}

export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly initializers: Tensor[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly used = new Set<string>();

  /** A name not used yet, from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  input(name: string, shape: (number | null)[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, shape));
    return name;
  }

  output(name: string, shape: (number | null)[]): void {
    this.outputs.push(valueInfo(name, shape));
  }

  /** A float32 constant. */
  float(base: string, dims: number[], data: ArrayLike<number>): string {
    const values = Float32Array.from(data);
    if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`ONNX constant ${base}: ${values.length} values for shape [${dims.join(', ')}]`);
    const name = this.fresh(base);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) });
    return name;
  }

  /** An int64 constant (shapes, axes, repeats). */
  ints(base: string, data: number[]): string {
    const name = this.fresh(base);
    const values = BigInt64Array.from(data.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [data.length], dataType: INT64, rawData: new Uint8Array(values.buffer) });
    return name;
  }

  /** Adds one node; returns its (first) output's name, `out` or a fresh one from `base`. */
  op(opType: string, input: string[], base: string, attrs: Record<string, AttrValue> = {}, out?: string): string {
    const output = out ?? this.fresh(base);
    if (out) this.used.add(out);
    this.nodes.push({
      name: this.fresh(`${base}/${opType}`),
      opType,
      input,
      output: [output],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** A node with several outputs (the recurrent ops); '' skips an optional output. */
  opMulti(opType: string, input: string[], base: string, outputs: number, attrs: Record<string, AttrValue> = {}): string[] {
    const output = Array.from({ length: outputs }, (_, i) => this.fresh(`${base}/${opType}:${i}`));
    this.nodes.push({ name: this.fresh(`${base}/${opType}`), opType, input, output, attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return output;
  }

  encode(meta: { name: string; doc: string; producerVersion: string; props: Record<string, string> }): Uint8Array {
    const ModelProto = modelType();
    const message = ModelProto.fromObject({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET }],
      producerName: 'LayerLab',
      producerVersion: meta.producerVersion,
      docString: meta.doc,
      graph: { name: meta.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
      metadataProps: Object.entries(meta.props).map(([key, value]) => ({ key, value })),
    });
    return ModelProto.encode(message).finish();
  }
}

let cached: protobuf.Type | undefined;
function modelType(): protobuf.Type {
  cached ??= protobuf.parse(ONNX_PROTO, { keepCase: false }).root.lookupType('onnx.ModelProto');
  return cached;
}

/** Decodes an `.onnx` file (for tests and for reading the metadata back). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  const ModelProto = modelType();
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as Record<string, unknown>;
}
