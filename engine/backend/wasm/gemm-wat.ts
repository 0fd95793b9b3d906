// The source of LayerLab's f32 matrix product for the wasm backend, as WebAssembly text.
// `npm run build:wasm` assembles it (wabt) into ./gemm-binary.ts; a test checks the two agree.
//
// Why not XNNPACK's: tfjs 4.22 hands every product to xnn_create_fully_connected_nc_f32 with
// XNN_FLAG_TRANSPOSE_WEIGHTS and caches the operator on the right operand's tensor id. In
// training the right operand is new on every step (updated weights, gradients), so every
// product repacks it first, at about 20 ns an element (measured here: 7 ms to pack a 784×512
// weight for a 5 ms product). This kernel packs each depth block of both operands as it goes
// (below): about 1 ns an element, in runs that stay in cache.
//
// Shape of the code: register tiles of 6 rows × 8 columns (12 f32x4 accumulators, 2 vectors
// of B, 1 broadcast of A: 15 of the 16 vector registers V8 has on x64; 12 independent
// multiply-adds a step hide the FMA latency), the depth cut into blocks of KC. Both operands
// are packed per depth block into scratch memory the caller provides (gemmScratchBytes):
// A into panels of 6 rows laid out depth-major ([k][6], zero rows past M), B into one strip
// of 8 columns at a time ([k][8], zero columns past N). Packed, a tile's loads all come off
// one A pointer and one B pointer at constant offsets, and the strip (KC × 32 bytes) stays
// in L1: read in place, B's rows lie 4·N bytes apart (2 KiB for N = 512), which maps them
// onto two of L1's 64 sets, and the tile carried six A pointers and their increments.
// Measured on one core here (best of 20, 128×784·784×512): 33-35 → 41-43 GFLOPS, the speed
// of a loop of multiply-adds alone (`v128` relaxed_madd, 8+ accumulators: 43). Tried and not
// kept: unrolling the depth loop by two (8-16 GFLOPS: V8 spills).
// Both operands are read through two strides, so Aᵀ and Bᵀ need no transposed copies: the
// packing turns them, four depth steps at a time with shuffles where the layout allows.
// Edges: one 5- to 1-row tile for the last M % 6 rows (from the zero-padded last panel); the
// last N % 8 columns as one more zero-padded strip into an 8-column buffer, whose real
// columns are copied to C at the end (every output then comes from the same arithmetic).

/** Depth block. 256 × 8 floats of B = 8 KiB; measured best among 128/256/unblocked. */
export const KC = 256;

/** Bytes of scratch gemm() needs for a product of M rows: one packed strip of B, the M rows
 *  of A (rounded up to panels of 6) of one depth block, and the M × 8 buffer of the last
 *  columns. */
export function gemmScratchBytes(M: number): number {
  return KC * 32 + Math.ceil(M / 6) * KC * 24 + M * 32;
}

const get = (n: string) => `(local.get $${n})`;

/** A tile of `rows` × 8 outputs over `k` steps of depth from packed A (at $pa, rows 4 bytes
 *  apart, steps 24) and packed B (at $pb, steps 32); adds to C when $acc ≠ 0. */
function tile(rows: number, fma: boolean): string {
  const L: string[] = [];
  const cRow = (r: number) => (r === 0 ? get('pc') : `(i32.add ${get('pc')} (i32.mul ${get('ldc')} (i32.const ${r})))`);
  L.push(`(func $t${rows} (param $pa i32) (param $pb i32) (param $pc i32) (param $ldc i32) (param $k i32) (param $acc i32)`);
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) L.push(`  (local $c${r}_${v} v128)`);
  L.push('  (local $b0 v128) (local $b1 v128) (local $x v128)');
  L.push(`  (if ${get('acc')} (then`);
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) L.push(`    (local.set $c${r}_${v} (v128.load offset=${v * 16} ${cRow(r)}))`);
  L.push('  ))');
  L.push(`  (block $done (loop $step`);
  L.push(`    (br_if $done (i32.eqz ${get('k')}))`);
  for (let v = 0; v < 2; v++) L.push(`    (local.set $b${v} (v128.load offset=${v * 16} ${get('pb')}))`);
  for (let r = 0; r < rows; r++) {
    L.push(`    (local.set $x (v128.load32_splat offset=${r * 4} ${get('pa')}))`);
    for (let v = 0; v < 2; v++) {
      const c = get(`c${r}_${v}`);
      const ab = `${get('x')} ${get(`b${v}`)}`;
      L.push(`    (local.set $c${r}_${v} ${fma ? `(f32x4.relaxed_madd ${ab} ${c})` : `(f32x4.add ${c} (f32x4.mul ${ab}))`})`);
    }
  }
  L.push(`    (local.set $pa (i32.add ${get('pa')} (i32.const 24)))`);
  L.push(`    (local.set $pb (i32.add ${get('pb')} (i32.const 32)))`);
  L.push(`    (local.set $k (i32.sub ${get('k')} (i32.const 1)))`);
  L.push('    (br $step)))');
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) L.push(`  (v128.store offset=${v * 16} ${cRow(r)} ${get(`c${r}_${v}`)})`);
  L.push(')');
  return L.join('\n');
}

/** i8x16.shuffle of f32 lanes: lanes 0-3 from `a`, 4-7 from `b`. */
const lanes = (l: number[], a: string, b: string) =>
  `(i8x16.shuffle ${l.flatMap((x) => [0, 1, 2, 3].map((i) => 4 * x + i)).join(' ')} ${get(a)} ${get(b)})`;

/** A 4 × 4 transpose: $v{q0..q0+3} (four lines of four) become their columns, through $t0-$t3. */
const transpose4 = (q0: number) => {
  const v = (i: number) => `v${q0 + i}`;
  return [
    `(local.set $t0 ${lanes([0, 4, 1, 5], v(0), v(1))})`,
    `(local.set $t1 ${lanes([2, 6, 3, 7], v(0), v(1))})`,
    `(local.set $t2 ${lanes([0, 4, 1, 5], v(2), v(3))})`,
    `(local.set $t3 ${lanes([2, 6, 3, 7], v(2), v(3))})`,
    `(local.set $${v(0)} ${lanes([0, 1, 4, 5], 't0', 't2')})`,
    `(local.set $${v(1)} ${lanes([2, 3, 6, 7], 't0', 't2')})`,
    `(local.set $${v(2)} ${lanes([0, 1, 4, 5], 't1', 't3')})`,
    `(local.set $${v(3)} ${lanes([2, 3, 6, 7], 't1', 't3')})`,
  ];
};

/** Loads $v0..$v{n-1}: four floats from each of n lines `stride` bytes apart from $src. */
const loadLines = (n: number, stride: string) =>
  Array.from({ length: n }, (_, r) => `(local.set $v${r} (v128.load (i32.add ${get('src')} (i32.mul ${get(stride)} (i32.const ${r})))))`);

/** Four depth steps of a full panel of row-major A: rows r0..r5 (four values each) become 24
 *  floats in [k][6] order. Rows 0-3 turn as a 4 × 4 transpose; rows 4 and 5 pair up and
 *  slot in between. */
const PACK_A4 = [
  ...loadLines(6, 'sai'),
  ...transpose4(0), // $v0..$v3: depth steps 0-3 of rows 0-3
  `(local.set $t0 ${lanes([0, 4, 1, 5], 'v4', 'v5')})`, // k0 r4 r5, k1 r4 r5
  `(local.set $t1 ${lanes([2, 6, 3, 7], 'v4', 'v5')})`, // k2 r4 r5, k3 r4 r5
  `(v128.store ${get('dst')} ${get('v0')})`,
  `(v128.store offset=16 ${get('dst')} ${lanes([0, 1, 4, 5], 't0', 'v1')})`,
  `(v128.store offset=32 ${get('dst')} ${lanes([2, 3, 6, 7], 'v1', 't0')})`,
  `(v128.store offset=48 ${get('dst')} ${get('v2')})`,
  `(v128.store offset=64 ${get('dst')} ${lanes([0, 1, 4, 5], 't1', 'v3')})`,
  `(v128.store offset=80 ${get('dst')} ${lanes([2, 3, 6, 7], 'v3', 't1')})`,
].join('\n      ');

/** Four depth steps of a strip of Bᵀ (B read with sbk = 4): its 8 lines of four values turn
 *  as two 4 × 4 transposes into four [k][8] rows. */
const PACK_B4 = [
  ...loadLines(8, 'sbj'),
  ...transpose4(0),
  ...transpose4(4),
  ...[0, 1, 2, 3].flatMap((q) => [`(v128.store offset=${32 * q} ${get('dst')} ${get(`v${q}`)})`, `(v128.store offset=${32 * q + 16} ${get('dst')} ${get(`v${q + 4}`)})`]),
].join('\n      ');

/** The value-at-a-time end of a packing function: dst[4·width·k + 4r] = X[r, k] (at
 *  src + r·$line + k·$step) for r < $n, 0 for $n ≤ r < width, depth steps $k0..$kn. */
const packRest = (width: number, line: string, step: string) => `(block $rd (loop $rl
    (br_if $rd (i32.ge_u ${get('r')} (i32.const ${width})))
    (local.set $d (i32.add ${get('dst')} (i32.shl ${get('r')} (i32.const 2))))
    (local.set $s (i32.add ${get('src')} (i32.mul ${get('r')} ${get(line)})))
    (local.set $k ${get('k0')})
    (block $kd (loop $kl
      (br_if $kd (i32.ge_u ${get('k')} ${get('kn')}))
      (f32.store ${get('d')} (select (f32.load ${get('s')}) (f32.const 0) (i32.lt_u ${get('r')} ${get('n')})))
      (local.set $s (i32.add ${get('s')} ${get(step)}))
      (local.set $d (i32.add ${get('d')} (i32.const ${4 * width})))
      (local.set $k (i32.add ${get('k')} (i32.const 1)))
      (br $kl)))
    (local.set $r (i32.add ${get('r')} (i32.const 1)))
    (br $rl)))`;

const PACK_LOCALS = `(local $r i32) (local $k i32) (local $k0 i32) (local $s i32) (local $d i32)
  ${[0, 1, 2, 3, 4, 5, 6, 7].map((r) => `(local $v${r} v128)`).join(' ')} (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)`;

/** Four depth steps at a time while they last: `body` packs them from $src to $dst. */
const byFours = (body: string, srcStep: number, dstStep: number) => `(block $vd (loop $vl
        (br_if $vd (i32.gt_u (i32.add ${get('k0')} (i32.const 4)) ${get('kn')}))
      ${body}
        (local.set $src (i32.add ${get('src')} (i32.const ${srcStep})))
        (local.set $dst (i32.add ${get('dst')} (i32.const ${dstStep})))
        (local.set $k0 (i32.add ${get('k0')} (i32.const 4)))
        (br $vl)))`;

/** A packing function $name(src, $line, $step, n, kn, dst): dst[4·width·k + 4r] = X[r, k] (at
 *  src + r·$line + k·$step) for r < n, 0 for n ≤ r < width. With all `width` lines and the
 *  lines contiguous ($line = 4), `copy` moves one depth step; with the depth contiguous
 *  ($step = 4), `fours` turns four steps at a time; the rest goes a value at a time. */
const packer = (name: string, width: number, line: string, step: string, copy: string[], fours: string) => `(func $${name} (param $src i32) (param $${line} i32) (param $${step} i32) (param $n i32) (param $kn i32) (param $dst i32)
  ${PACK_LOCALS}
  (if (i32.eq ${get('n')} (i32.const ${width})) (then
    (if (i32.eq ${get(line)} (i32.const 4)) (then
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u ${get('k')} ${get('kn')}))
        ${copy.join('\n        ')}
        (local.set $src (i32.add ${get('src')} ${get(step)}))
        (local.set $dst (i32.add ${get('dst')} (i32.const ${4 * width})))
        (local.set $k (i32.add ${get('k')} (i32.const 1)))
        (br $cl)))
      (return)))
    (if (i32.eq ${get(step)} (i32.const 4)) (then
      ${byFours(fours, 16, 16 * width)}))))
  ${packRest(width, line, step)})`;

/** pack_a(src, sai, sak, n, kn, dst): one panel of 6 rows of A for one depth block. Six
 *  contiguous values a step (A read transposed) are three 8-byte copies; a full panel of
 *  row-major A goes four steps at a time through shuffles (a value at a time took about
 *  1 ns, 0.6 ms of the standard MLP's step). */
const PACK_A = packer('pack_a', 6, 'sai', 'sak', [0, 8, 16].map((o) => `(i64.store offset=${o} ${get('dst')} (i64.load offset=${o} ${get('src')}))`), PACK_A4);

/** pack_b(src, sbj, sbk, n, kn, dst): one strip of 8 columns of B (B[k, j] at src + k·sbk +
 *  j·sbj) for one depth block. Eight contiguous values a step (B row-major) are two vector
 *  copies; a full strip of Bᵀ goes four steps at a time through shuffles. */
const PACK_B = packer('pack_b', 8, 'sbj', 'sbk', [0, 16].map((o) => `(v128.store offset=${o} ${get('dst')} (v128.load offset=${o} ${get('src')}))`), PACK_B4);

/** edge(c, ldc, rows, n, buf, out): the last n (< 8) columns of C (rows of ldc bytes from c)
 *  to the M × 8 buffer at buf (out = 0), or back (out = 1). */
const EDGE = `(func $edge (param $c i32) (param $ldc i32) (param $rows i32) (param $n i32) (param $buf i32) (param $out i32)
  (local $i i32) (local $j i32) (local $p i32) (local $q i32)
  (block $id (loop $il
    (br_if $id (i32.ge_u ${get('i')} ${get('rows')}))
    (local.set $p (i32.add ${get('c')} (i32.mul ${get('i')} ${get('ldc')})))
    (local.set $q (i32.add ${get('buf')} (i32.shl ${get('i')} (i32.const 5))))
    (local.set $j (i32.const 0))
    (block $jd (loop $jl
      (br_if $jd (i32.ge_u ${get('j')} ${get('n')}))
      (if ${get('out')}
        (then (f32.store ${get('p')} (f32.load ${get('q')})))
        (else (f32.store ${get('q')} (f32.load ${get('p')}))))
      (local.set $p (i32.add ${get('p')} (i32.const 4)))
      (local.set $q (i32.add ${get('q')} (i32.const 4)))
      (local.set $j (i32.add ${get('j')} (i32.const 1)))
      (br $jl)))
    (local.set $i (i32.add ${get('i')} (i32.const 1)))
    (br $il))))`;

/** bias_act(c, bias, rows, N, bstride, lo, hi): C[i,j] = clamp(C[i,j] + bias[j], lo, hi),
 *  with bstride 4 (a bias per column), 0 (one scalar) or bias = 0 (none). The fused
 *  product's epilogue: relu is [0, ∞), relu6 [0, 6], linear (−∞, ∞). Four columns an
 *  instruction (the scalar loop took about 6.5 ns an element, 0.9 ms of the standard MLP's
 *  step), with wasm's min and max (NaN stays NaN, −0 < +0) as the scalar tail. */
const EPILOGUE = (() => {
  // One loop over all rows for each kind of bias: `vec`/`one` give the bias of four columns
  // and of one at $pb; `step` is how far $pb moves per column.
  const loop = (vec: string, one: string, step: number) => `(local.set $i (i32.const 0))
    (block $id (loop $il
      (br_if $id (i32.ge_u ${get('i')} ${get('rows')}))
      (local.set $j (i32.const 0))
      (local.set $pb ${get('bias')})
      (block $vd (loop $vl
        (br_if $vd (i32.gt_u (i32.add ${get('j')} (i32.const 4)) ${get('N')}))
        (v128.store ${get('c')} (f32x4.min (f32x4.max (f32x4.add (v128.load ${get('c')}) ${vec}) ${get('lov')}) ${get('hiv')}))
        (local.set $c (i32.add ${get('c')} (i32.const 16)))
        (local.set $pb (i32.add ${get('pb')} (i32.const ${4 * step})))
        (local.set $j (i32.add ${get('j')} (i32.const 4)))
        (br $vl)))
      (block $sd (loop $sl
        (br_if $sd (i32.ge_u ${get('j')} ${get('N')}))
        (f32.store ${get('c')} (f32.min (f32.max (f32.add (f32.load ${get('c')}) ${one}) ${get('lo')}) ${get('hi')}))
        (local.set $c (i32.add ${get('c')} (i32.const 4)))
        (local.set $pb (i32.add ${get('pb')} (i32.const ${step})))
        (local.set $j (i32.add ${get('j')} (i32.const 1)))
        (br $sl)))
      (local.set $i (i32.add ${get('i')} (i32.const 1)))
      (br $il)))`;
  return `(func (export "bias_act") (param $c i32) (param $bias i32) (param $rows i32) (param $N i32) (param $bstride i32) (param $lo f32) (param $hi f32)
  (local $i i32) (local $j i32) (local $pb i32) (local $b f32) (local $bv v128) (local $lov v128) (local $hiv v128)
  (local.set $lov (f32x4.splat ${get('lo')}))
  (local.set $hiv (f32x4.splat ${get('hi')}))
  (if ${get('bstride')} (then
    ${loop(`(v128.load ${get('pb')})`, `(f32.load ${get('pb')})`, 4)}
    (return)))
  ;; one bias for every element, or none (+0, which also turns −0 into +0 as max(−0, 0) did)
  (if ${get('bias')} (then (local.set $b (f32.load ${get('bias')}))))
  (local.set $bv (f32x4.splat ${get('b')}))
  ${loop(get('bv'), get('b'), 0)})`;
})();

/** dropout_multiplier(out, n, keep, s0, s1, s2, c): tfjs-core's dropout multiplier
 *  floor(u + keep) / keep for n uniform draws u, bit for bit: u comes from seedrandom's Alea
 *  (the generator tfjs-core's randomUniform uses), continued here from the state (s0, s1, s2,
 *  c) that ./dropout.ts reads from a freshly seeded one, in the same float64 arithmetic, then
 *  rounded to float32 as tfjs stores it; the rest in float32 as the stock kernels compute. */
const DROPOUT = `(func (export "dropout_multiplier") (param $out i32) (param $n i32) (param $keep f32)
    (param $s0 f64) (param $s1 f64) (param $s2 f64) (param $c f64)
  (local $t f64) (local $end i32)
  (local.set $end (i32.add ${get('out')} (i32.shl ${get('n')} (i32.const 2))))
  (block $d (loop $l
    (br_if $d (i32.ge_u ${get('out')} ${get('end')}))
    (local.set $t (f64.add (f64.mul (f64.const 2091639) ${get('s0')}) (f64.mul ${get('c')} (f64.const 2.3283064365386963e-10))))
    (local.set $s0 ${get('s1')})
    (local.set $s1 ${get('s2')})
    ;; Alea's c = t | 0: t lies in [0, 2091640), where truncating in place is the same and
    ;; keeps the i32 round trip off the chain that carries c from one draw to the next
    (local.set $c (f64.trunc ${get('t')}))
    (local.set $s2 (f64.sub ${get('t')} ${get('c')}))
    (f32.store ${get('out')} (f32.div (f32.floor (f32.add (f32.demote_f64 ${get('s2')}) ${get('keep')})) ${get('keep')}))
    (local.set $out (i32.add ${get('out')} (i32.const 4)))
    (br $l))))`;

/** relu_grad(dy, y, out, n): out[i] = dy[i] · step(y[i]), step being 1 where y > 0, NaN
 *  where y is NaN, else 0 — tfjs-core's mul(dy, step(y)) to the bit (a NaN stays a NaN, and
 *  so do ∞·0 and the sign of a zero), relu's gradient from its input or output, four
 *  elements an instruction (../fused-dense.ts runs it as LayerLabReluGrad; a JavaScript loop
 *  took about 6 ns an element on a 2.2M-element conv activation, tfjs' step and mul two
 *  passes). */
const RELU_GRAD = `(func (export "relu_grad") (param $dy i32) (param $y i32) (param $out i32) (param $n i32)
  (local $off i32) (local $end i32) (local $zero v128) (local $one v128) (local $v v128) (local $w f32)
  (local.set $one (f32x4.splat (f32.const 1)))
  (local.set $end (i32.shl (i32.and ${get('n')} (i32.const -4)) (i32.const 2)))
  (block $vd (loop $vl
    (br_if $vd (i32.ge_u ${get('off')} ${get('end')}))
    (local.set $v (v128.load (i32.add ${get('y')} ${get('off')})))
    (v128.store (i32.add ${get('out')} ${get('off')})
      (f32x4.mul (v128.load (i32.add ${get('dy')} ${get('off')}))
        (v128.or (v128.and ${get('one')} (f32x4.gt ${get('v')} ${get('zero')})) (v128.and ${get('v')} (f32x4.ne ${get('v')} ${get('v')})))))
    (local.set $off (i32.add ${get('off')} (i32.const 16)))
    (br $vl)))
  (local.set $end (i32.shl ${get('n')} (i32.const 2)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u ${get('off')} ${get('end')}))
    (local.set $w (f32.load (i32.add ${get('y')} ${get('off')})))
    (f32.store (i32.add ${get('out')} ${get('off')})
      (f32.mul (f32.load (i32.add ${get('dy')} ${get('off')}))
        (select (f32.const 1) (select ${get('w')} (f32.const 0) (f32.ne ${get('w')} ${get('w')})) (f32.gt ${get('w')} (f32.const 0)))))
    (local.set $off (i32.add ${get('off')} (i32.const 4)))
    (br $sl))))`;

// Optimizer updates in place, four weights per instruction with a scalar tail, in tfjs-core's
// order of float32 operations so the result is the stock kernels' to the bit. An update
// reads arrays (`arrays`, updated when listed in `writes`) and scalars (`params`).
interface Update {
  name: string;
  arrays: string[];
  params: string[];
  /** [array written, expression], in order; an expression may use earlier results by name. */
  writes: [string, Expr][];
}
type Expr = string | [op: 'add' | 'sub' | 'mul' | 'div', a: Expr, b: Expr] | [op: 'sqrt', a: Expr];

const UPDATES: Update[] = [
  {
    // ms' = ms·rho + g²·(1−rho); mom' = mom·momentum + (g·lr)/√(ms'+eps); w' = w − mom'.
    name: 'rmsprop',
    arrays: ['w', 'ms', 'mom', 'g'],
    params: ['lr', 'rho', 'oneMinusRho', 'momentum', 'eps'],
    writes: [
      ['ms', ['add', ['mul', 'ms', 'rho'], ['mul', ['mul', 'g', 'g'], 'oneMinusRho']]],
      ['mom', ['add', ['mul', 'mom', 'momentum'], ['div', ['mul', 'g', 'lr'], ['sqrt', ['add', 'ms', 'eps']]]]],
      ['w', ['sub', 'w', 'mom']],
    ],
  },
  {
    // m' = m·b1 + g·(1−b1); v' = v·b2 + g²·(1−b2); w' = ((m'/c1) / (√(v'/c2) + eps))·(−lr) + w.
    name: 'adam',
    arrays: ['w', 'm', 'v', 'g'],
    params: ['negLr', 'b1', 'oneMinusB1', 'b2', 'oneMinusB2', 'c1', 'c2', 'eps'],
    writes: [
      ['m', ['add', ['mul', 'm', 'b1'], ['mul', 'g', 'oneMinusB1']]],
      ['v', ['add', ['mul', 'v', 'b2'], ['mul', ['mul', 'g', 'g'], 'oneMinusB2']]],
      ['w', ['add', ['mul', ['div', ['div', 'm', 'c1'], ['add', ['sqrt', ['div', 'v', 'c2']], 'eps']], 'negLr'], 'w']],
    ],
  },
];

function updateFunc(u: Update): string {
  const expr = (e: Expr, t: 'f32x4' | 'f32'): string => {
    if (typeof e === 'string') return get(u.params.includes(e) && t === 'f32x4' ? `${e}_v` : `${e}_${t === 'f32' ? 's' : 'x'}`);
    return `(${t}.${e[0]} ${e.slice(1).map((x) => expr(x as Expr, t)).join(' ')})`;
  };
  const body = (t: 'f32x4' | 'f32', step: number) => {
    const L: string[] = [];
    const load = t === 'f32x4' ? 'v128.load' : 'f32.load';
    const store = t === 'f32x4' ? 'v128.store' : 'f32.store';
    const sfx = t === 'f32' ? 's' : 'x';
    for (const a of u.arrays) L.push(`(local.set $${a}_${sfx} (${load} (i32.add ${get(a)} ${get('off')})))`);
    for (const [a, e] of u.writes) {
      L.push(`(local.set $${a}_${sfx} ${expr(e, t)})`);
      L.push(`(${store} (i32.add ${get(a)} ${get('off')}) ${get(`${a}_${sfx}`)})`);
    }
    L.push(`(local.set $off (i32.add ${get('off')} (i32.const ${step})))`);
    return L.join('\n      ');
  };
  return `(func (export "${u.name}") ${u.arrays.map((a) => `(param $${a} i32)`).join(' ')} (param $n i32) ${u.params.map((p) => `(param $${p}_s f32)`).join(' ')}
  (local $off i32) (local $end i32) ${u.arrays.map((a) => `(local $${a}_x v128) (local $${a}_s f32)`).join(' ')} ${u.params.map((p) => `(local $${p}_v v128)`).join(' ')}
  ${u.params.map((p) => `(local.set $${p}_v (f32x4.splat ${get(`${p}_s`)}))`).join(' ')}
  (local.set $end (i32.shl (i32.and ${get('n')} (i32.const -4)) (i32.const 2)))
  (block $vd (loop $vl
    (br_if $vd (i32.ge_u ${get('off')} ${get('end')}))
      ${body('f32x4', 16)}
    (br $vl)))
  (local.set $end (i32.shl ${get('n')} (i32.const 2)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u ${get('off')} ${get('end')}))
      ${body('f32', 4)}
    (br $sl))))`;
}

/** Where row $i of the packed depth block lies: panel ⌊i/6⌋ (kn·24 bytes each) from $sa,
 *  row i % 6 within it. */
const A_AT = `(i32.add (i32.add ${get('sa')} (i32.mul (i32.div_u ${get('i')} (i32.const 6)) (i32.mul ${get('kn')} (i32.const 24)))) (i32.shl (i32.rem_u ${get('i')} (i32.const 6)) (i32.const 2)))`;
/** B[k0, j] in place. */
const B_AT = `(i32.add ${get('b')} (i32.add (i32.mul ${get('k0')} ${get('sbk')}) (i32.mul ${get('j')} ${get('sbj')})))`;

/** Every row of the packed strip into C from `c` (rows `ldc` bytes apart): 6-row tiles,
 *  then one tile of the 1-5 rows left. */
function rows(c: string, ldc: string): string {
  const at = `(i32.add ${c} (i32.mul ${get('i')} ${ldc}))`;
  const call = (r: number) => `(call $t${r} ${A_AT} ${get('sb')} ${at} ${ldc} ${get('kn')} (i32.or ${get('k0')} ${get('beta')}))`;
  const left = [5, 4, 3, 2, 1].map((r) => `(if (i32.eq (i32.sub ${get('M')} ${get('i')}) (i32.const ${r})) (then ${call(r)}))`);
  return `(local.set $i (i32.const 0))
        (block $id (loop $il
          (br_if $id (i32.gt_u (i32.add ${get('i')} (i32.const 6)) ${get('M')}))
          ${call(6)}
          (local.set $i (i32.add ${get('i')} (i32.const 6)))
          (br $il)))
        ${left.join('\n        ')}`;
}

/** The module: imports the wasm backend's memory (tensors are read and written in place) and
 *  exports gemm(a, b, c, M, N, K, sai, sak, sbk, sbj, ldc, beta, scratch): C[M×N] = A·B
 *  (+ C when beta is 1), where A[i,k] lies at a + i·sai + k·sak, B[k,j] at b + k·sbk + j·sbj
 *  and C[i,j] at c + i·ldc + 4j (bytes), with gemmScratchBytes(M) bytes free at `scratch`;
 *  bias_act (below) and the optimizer updates. `shared`: the variant that imports a shared
 *  memory. `fma`: the tiles multiply-add with relaxed SIMD's f32x4.relaxed_madd (one fused
 *  instruction where the CPU has FMA: 25-50% faster here; ./gemm.ts falls back to the plain
 *  variant where the engine lacks relaxed SIMD). */
export interface WatVariant {
  /** Imports a shared memory (the helper threads' variant). */
  shared?: boolean;
  /** Multiply-adds with relaxed SIMD's fused instruction. */
  fma?: boolean;
}

export function gemmWat({ shared = false, fma = false }: WatVariant = {}): string {
  // The shared variant runs in helper threads over a SharedArrayBuffer (./gemm-threads.ts);
  // a shared memory must declare its maximum (here 2 GiB).
  return `(module
(import "env" "memory" ${shared ? '(memory 1 32768 shared)' : '(memory 1)'})
${[6, 5, 4, 3, 2, 1].map((r) => tile(r, fma)).join('\n')}
${PACK_A}
${PACK_B}
${EDGE}
(func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $M i32) (param $N i32) (param $K i32)
    (param $sai i32) (param $sak i32) (param $sbk i32) (param $sbj i32) (param $ldc i32) (param $beta i32) (param $scratch i32)
  (local $i i32) (local $j i32) (local $k0 i32) (local $kn i32) (local $kb i32) (local $sa i32) (local $sb i32)
  (local $se i32) (local $full i32) (local $left i32)
  ;; Depth blocks of equal size, none over KC (784 = 4 × 196, not 3 × 256 + 16: a short last
  ;; block costs a full reload and store of C).
  (local.set $kb (i32.div_u (i32.add ${get('K')} (i32.const ${KC - 1})) (i32.const ${KC})))
  (local.set $kb (select (i32.div_u (i32.add ${get('K')} (i32.sub ${get('kb')} (i32.const 1))) ${get('kb')}) (i32.const 1) ${get('kb')}))
  ;; scratch: B's strip, A's panels, the buffer of the last columns
  (local.set $sb ${get('scratch')})
  (local.set $sa (i32.add ${get('scratch')} (i32.const ${KC * 32})))
  (local.set $se (i32.add ${get('sa')} (i32.mul (i32.div_u (i32.add ${get('M')} (i32.const 5)) (i32.const 6)) (i32.const ${KC * 24}))))
  (local.set $full (i32.and ${get('N')} (i32.const -8)))
  (local.set $left (i32.sub ${get('N')} ${get('full')}))
  (if (i32.and (i32.ne ${get('left')} (i32.const 0)) (i32.ne ${get('beta')} (i32.const 0))) (then
    (call $edge (i32.add ${get('c')} (i32.shl ${get('full')} (i32.const 2))) ${get('ldc')} ${get('M')} ${get('left')} ${get('se')} (i32.const 0))))
  (block $kd (loop $kblock
    (br_if $kd (i32.ge_u ${get('k0')} ${get('K')}))
    (local.set $kn (i32.sub ${get('K')} ${get('k0')}))
    (if (i32.gt_u ${get('kn')} ${get('kb')}) (then (local.set $kn ${get('kb')})))
    (local.set $i (i32.const 0))
    (block $pd (loop $pl
      (br_if $pd (i32.ge_u ${get('i')} ${get('M')}))
      (call $pack_a (i32.add ${get('a')} (i32.add (i32.mul ${get('i')} ${get('sai')}) (i32.mul ${get('k0')} ${get('sak')}))) ${get('sai')} ${get('sak')}
        (select (i32.const 6) (i32.sub ${get('M')} ${get('i')}) (i32.ge_u (i32.sub ${get('M')} ${get('i')}) (i32.const 6))) ${get('kn')} ${A_AT})
      (local.set $i (i32.add ${get('i')} (i32.const 6)))
      (br $pl)))
    (local.set $j (i32.const 0))
    (block $jd (loop $jl
      (br_if $jd (i32.ge_u ${get('j')} ${get('full')}))
      (call $pack_b ${B_AT} ${get('sbj')} ${get('sbk')} (i32.const 8) ${get('kn')} ${get('sb')})
      ${rows(`(i32.add ${get('c')} (i32.shl ${get('j')} (i32.const 2)))`, get('ldc'))}
      (local.set $j (i32.add ${get('j')} (i32.const 8)))
      (br $jl)))
    (if ${get('left')} (then
      (call $pack_b ${B_AT} ${get('sbj')} ${get('sbk')} ${get('left')} ${get('kn')} ${get('sb')})
      ${rows(get('se'), '(i32.const 32)')}))
    (local.set $k0 (i32.add ${get('k0')} ${get('kb')}))
    (br $kblock)))
  (if (i32.and (i32.ne ${get('left')} (i32.const 0)) (i32.ne ${get('K')} (i32.const 0))) (then
    (call $edge (i32.add ${get('c')} (i32.shl ${get('full')} (i32.const 2))) ${get('ldc')} ${get('M')} ${get('left')} ${get('se')} (i32.const 1)))))
${EPILOGUE}
${DROPOUT}
${RELU_GRAD}
${UPDATES.map(updateFunc).join('\n')}
)`;
}
