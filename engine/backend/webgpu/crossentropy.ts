// Categorical cross-entropy on probabilities, and its gradient, as one webgpu dispatch each.
// engine/compile/losses.ts composes it from tfjs ops (row sum, divide, clip, log, multiply,
// sum, mean, negate): about 7 dispatches forward and 10 backward, and on a GPU a small
// network's step is bound by the host cost of each dispatch, not by the arithmetic.
// losses.ts asks tfjs-core whether these kernels exist on the active backend and then runs
// them inside a tf.customGrad; it does not import this file.
//   loss:     q = p / Σ_j p_j per row, c = clip(q, ε, 1 - ε), L = -(1/B) Σ_rows Σ_i t_i log c_i
//   gradient: u_i = -t_i·mask_i / (c_i·B), mask_i = (ε ≤ q_i ≤ 1 - ε) as tfjs' clip gradient,
//             dL/dp_k = dy · (u_k - Σ_i u_i q_i) / Σ_j p_j
// Both give each row to one thread: the class count of a classifier is small, and a thread
// per row needs no barrier inside the row loop, so any B and C work.
import { CROSSENTROPY_GRAD_KERNEL, CROSSENTROPY_KERNEL, EPSILON } from '../../compile/losses.js';
import { FlatProgram, registerWebGpuKernels, type ProgramBackend, type TensorInfo } from './program.js';

/** The loss's single workgroup; 128 is what Dawn's GL ES (compat) backend allows. */
const LOSS_GROUP = 128;

// WGSL literals: the f32 nearest to each bound, as tfjs' clip uniforms hold them.
const LO = `${EPSILON}`;
const HI = `${1 - EPSILON}`;

/** The loss: one workgroup, each thread sums its rows, then a tree sum in workgroup memory.
 *  Targets may be int32 (tf.oneHot's dtype), hence f32(t[...]). */
class LossProgram {
  variableNames = ['t', 'p'];
  workgroupSize: [number, number, number] = [LOSS_GROUP, 1, 1];
  outputShape = [1];
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  shaderKey = 'layerlabCrossentropy';

  getUserCode(): string {
    return `
var<workgroup> partial : array<f32, ${LOSS_GROUP}>;

fn main(index : i32) {
  let rows = uniforms.pShape[0];
  let cols = uniforms.pShape[1];
  var acc = 0.0;
  for (var r = i32(localId.x); r < rows; r += ${LOSS_GROUP}) {
    let base = r * cols;
    var s = 0.0;
    for (var i = 0; i < cols; i++) {
      s += p[base + i];
    }
    var row = 0.0;
    for (var i = 0; i < cols; i++) {
      row += f32(t[base + i]) * log(clamp(p[base + i] / s, ${LO}, ${HI}));
    }
    acc += row;
  }
  partial[localId.x] = acc;
  workgroupBarrier();
  for (var half = ${LOSS_GROUP / 2}u; half > 0u; half = half >> 1u) {
    if (localId.x < half) {
      partial[localId.x] += partial[localId.x + half];
    }
    workgroupBarrier();
  }
  if (localId.x == 0u) {
    result[0] = -partial[0] / f32(rows);
  }
}`;
  }
}

/** The gradient w.r.t. p times the upstream scalar dy: one thread per row, three passes
 *  over it (row sum, Σ u_i q_i, output). */
class GradProgram extends FlatProgram {
  variableNames = ['t', 'p', 'dy'];
  shaderKey = 'layerlabCrossentropyGrad';

  constructor(shape: number[]) {
    super(shape, shape[0]); // a thread per row
  }

  getUserCode(): string {
    return `
// u_i without its -1/B: t_i / c_i where the clip passes its gradient, else 0.
fn upstream(q : f32, ti : f32) -> f32 {
  let inside = q >= ${LO} && q <= ${HI};
  return select(0.0, ti / clamp(q, ${LO}, ${HI}), inside);
}

fn main(index : i32) {
  let rows = uniforms.pShape[0];
  let cols = uniforms.pShape[1];
  if (index < rows) {
    let base = index * cols;
    var s = 0.0;
    for (var i = 0; i < cols; i++) {
      s += p[base + i];
    }
    let negInvB = -1.0 / f32(rows);
    var dot = 0.0;
    for (var i = 0; i < cols; i++) {
      let q = p[base + i] / s;
      dot += negInvB * upstream(q, f32(t[base + i])) * q;
    }
    let g = dy[0] / s;
    for (var i = 0; i < cols; i++) {
      let q = p[base + i] / s;
      result[base + i] = g * (negInvB * upstream(q, f32(t[base + i])) - dot);
    }
  }
}`;
  }
}

interface Args {
  inputs: { t: TensorInfo; p: TensorInfo; dy?: TensorInfo };
  backend: ProgramBackend;
}

/** t and p are [B, C] (losses.ts reshapes other ranks), p float32; the loss is a scalar. */
function lossKernel({ inputs: { t, p }, backend }: Args): TensorInfo {
  const out = backend.runWebGPUProgram(new LossProgram(), [t, p], 'float32');
  // The [1] buffer as a scalar, as tfjs' Reshape hands back the same data with a new shape.
  return { ...out, shape: [] };
}

function gradKernel({ inputs: { t, p, dy }, backend }: Args): TensorInfo {
  return backend.runWebGPUProgram(new GradProgram(p.shape), [t, p, dy!], 'float32');
}

let installed = false;

/** Registers both kernels on webgpu. Idempotent. */
export function installCrossentropyKernels(): void {
  if (installed) return;
  installed = true;
  registerWebGpuKernels([[CROSSENTROPY_KERNEL, lossKernel], [CROSSENTROPY_GRAD_KERNEL, gradKernel]]);
}
