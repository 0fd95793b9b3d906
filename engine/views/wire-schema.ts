// The views' wire form (./wire.ts) as zod schemas, for whoever receives a snapshot across a
// process boundary (the host from the worker, the renderer from the host). Sizes are bounded
// so a broken or hostile sender cannot make the receiver decode megabytes: a map is at most
// MAX_RES² bytes per unit, a node at most MAX_UNITS units. Pure zod: the renderer imports it.
import { z } from 'zod';
import type { CostWire, CurveWire, PlaneWire, UnitMapsWire, ViewWire } from './wire.js';

export const VIEW_LIMITS = {
  /** The plane's grid side (the probe uses 48). */
  res: 128,
  /** Units drawn per node (a wider Dense layer's maps are sent for its first units only). */
  units: 256,
  /** Hidden Dense nodes per snapshot. */
  hidden: 64,
  /** Points per split (the probes send at most 600). */
  points: 2000,
  /** The curve's samples (121 by default). */
  samples: 1000,
  /** The cost surface's grid side (41 by default). */
  costRes: 101,
  /** The descent path's points (live.ts keeps at most 1,500). */
  path: 2000,
} as const;

const L = VIEW_LIMITS;
const num = z.number();
const name = z.string().max(200);
// base64 of units·res² bytes: 4 characters per 3 bytes.
const maxMapChars = Math.ceil((L.units * L.res * L.res) / 3) * 4;

export const unitMapsWireSchema = z.object({
  nodeId: name,
  units: z.number().int().min(0).max(L.units),
  lo: num,
  hi: num,
  data: z.string().max(maxMapChars).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
}) satisfies z.ZodType<UnitMapsWire>;

const pairs = (max: number) => z.array(num).max(2 * max);

export const planeWireSchema = z.object({
  kind: z.literal('plane'),
  res: z.number().int().min(2).max(L.res),
  bounds: z.object({ x0: num, x1: num, y0: num, y1: num }),
  axes: z.tuple([name, name]),
  task: z.enum(['classification', 'regression']),
  classes: z.array(name).max(1000),
  output: unitMapsWireSchema,
  hidden: z.array(unitMapsWireSchema).max(L.hidden),
  train: z.object({ xy: pairs(L.points), label: z.array(num).max(L.points) }),
  test: z.object({ xy: pairs(L.points), label: z.array(num).max(L.points) }),
}) satisfies z.ZodType<PlaneWire>;

const range = z.tuple([num, num]);

export const costWireSchema = z.object({
  theta0: range,
  theta1: range,
  res: z.number().int().min(2).max(L.costRes),
  J: z.array(num).max(L.costRes * L.costRes),
  best: z.tuple([num, num, num]),
  path: z.array(z.tuple([num, num, num])).max(L.path),
  loss: name,
  activation: name,
}) satisfies z.ZodType<CostWire>;

const curvePoints = z.object({ x: z.array(num).max(L.points), y: z.array(num).max(L.points) });

export const curveWireSchema = z.object({
  kind: z.literal('curve'),
  axes: z.tuple([name, name]),
  xs: z.array(num).max(L.samples),
  ys: z.array(num).max(L.samples),
  train: curvePoints,
  test: curvePoints,
  cost: costWireSchema.optional(),
}) satisfies z.ZodType<CurveWire>;

export const viewWireSchema: z.ZodType<ViewWire> = z.discriminatedUnion('kind', [planeWireSchema, curveWireSchema]);

/** Where training was when a snapshot was taken, or where a paused job waits. */
export const trainingPlaceSchema = z.object({ step: z.number().int().min(0), epoch: z.number().int().min(0), batch: z.number().int().min(0) });
