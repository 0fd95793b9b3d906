// Helpers for the per-kind tests: resolve parameters as a project file would, and read a
// shape or an error out of inferShape without repeating the unwrapping in every test.
import fc from 'fast-check';
import { resolveParams } from './params.js';
import { renderShapeError } from './shape-error.js';
import type { LayerKind, Params, SampleRandom, Shape, ShapeError } from './types.js';

/** Defaults filled and validated; throws on any issue so a test cannot pass on bad params. */
export function paramsOf(kind: LayerKind, given: Record<string, unknown> = {}): Params {
  const { params, issues } = resolveParams(kind.params, given);
  if (issues.length) throw new Error(`${kind.kind}: ${issues.map((i) => i.message).join('; ')}`);
  return params;
}

export function shapeOf(kind: LayerKind, inputs: Shape[], given: Record<string, unknown> = {}): Shape {
  const r = kind.inferShape(inputs, paramsOf(kind, given));
  if (!r.ok) throw new Error(`${kind.kind}: expected a shape, got error: ${renderShapeError(r.error, { kind: kind.kind })}`);
  return r.shape;
}

/** The kind's structured shape error for these inputs; throws when it infers a shape. */
export function shapeErrorOf(kind: LayerKind, inputs: Shape[], given: Record<string, unknown> = {}): ShapeError {
  const r = kind.inferShape(inputs, paramsOf(kind, given));
  if (r.ok) throw new Error(`${kind.kind}: expected an error, got shape ${JSON.stringify(r.shape)}`);
  return r.error;
}

/** The same error as the user reads it, worded for the kind alone (no node, no sources). */
export function errorOf(kind: LayerKind, inputs: Shape[], given: Record<string, unknown> = {}): string {
  return renderShapeError(shapeErrorOf(kind, inputs, given), { kind: kind.kind });
}

export function countOf(kind: LayerKind, inputs: Shape[], given: Record<string, unknown> = {}) {
  return kind.countParams(inputs, paramsOf(kind, given));
}

export function keras(kind: LayerKind, given: Record<string, unknown> = {}, name = 'n'): string {
  return kind.toKeras(paramsOf(kind, given), name);
}

export function tfjs(kind: LayerKind, given: Record<string, unknown> = {}, name = 'n'): string {
  return kind.toTfjs(paramsOf(kind, given), name);
}

/** A kind's sampler drawing from fast-check, so a failing case shrinks and replays by seed. */
export function randomFrom(g: fc.GeneratorValue): SampleRandom {
  return {
    int: (min, max) => g(fc.integer, { min, max }),
    float: (min, max) => g(fc.double, { min, max, noNaN: true, noDefaultInfinity: true }),
    bool: () => g(fc.boolean),
    pick: (choices) => g(fc.constantFrom, ...choices),
  };
}
