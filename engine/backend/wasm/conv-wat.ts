// The data movement of LayerLab's convolution and pooling gradients on wasm, as WebAssembly
// text: im2col for the filter gradient (whose product runs in ./gemm-wat.ts), MaxPoolGrad and
// AvgPoolGrad, and the column sums of a bias gradient. `npm run build:wasm` assembles it into
// ./conv-binary.ts;
// a test checks the two agree. Written here rather than in JavaScript because each does a few
// operations per element over millions of elements, where typed-array loops in JS cost 5-10x.
// All addresses are byte offsets into the wasm backend's memory (imported).
import type { WatVariant } from './gemm-wat.js';

const get = (n: string) => `(local.get $${n})`;

/** copy(dst, src, n): n bytes, 16 at a time then 4 at a time (n is a multiple of 4). Runs are
 *  short (KW·CI floats), where a loop beats memory.copy's call. */
const COPY = `(func $copy (param $d i32) (param $s i32) (param $n i32)
  (local $end i32)
  (local.set $end (i32.add ${get('d')} ${get('n')}))
  (block $vd (loop $vl
    (br_if $vd (i32.gt_s (i32.add ${get('d')} (i32.const 16)) ${get('end')}))
    (v128.store ${get('d')} (v128.load ${get('s')}))
    (local.set $d (i32.add ${get('d')} (i32.const 16)))
    (local.set $s (i32.add ${get('s')} (i32.const 16)))
    (br $vl)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u ${get('d')} ${get('end')}))
    (f32.store ${get('d')} (f32.load ${get('s')}))
    (local.set $d (i32.add ${get('d')} (i32.const 4)))
    (local.set $s (i32.add ${get('s')} (i32.const 4)))
    (br $sl))))`;

/** im2col(x, col, ldcol, H, W, CI, OH, OW, KH, KW, sh, sw, top, left, p0, count): for the
 *  output positions p0 … p0+count−1 (p = (b·OH + oh)·OW + ow), row p − p0 of col (ldcol bytes
 *  apart) gets the window of x that output reads, as KH runs of KW·CI floats
 *  x[b, oh·sh − top + kh, ow·sw − left + kw, :], zeros where the window leaves the image. */
const IM2COL = `(func (export "im2col") (param $x i32) (param $col i32) (param $ldcol i32)
    (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32) (param $KH i32) (param $KW i32)
    (param $sh i32) (param $sw i32) (param $top i32) (param $left i32) (param $p0 i32) (param $count i32)
  (local $b i32) (local $oh i32) (local $ow i32) (local $n i32) (local $row i32) (local $d i32)
  (local $ih i32) (local $iw0 i32) (local $kh i32) (local $lo i32) (local $hi i32) (local $run i32) (local $px i32)
  ;; bytes of one pixel and of one kernel row's run
  (local.set $px (i32.shl ${get('CI')} (i32.const 2)))
  (local.set $run (i32.mul ${get('KW')} ${get('px')}))
  (local.set $b (i32.div_u ${get('p0')} (i32.mul ${get('OH')} ${get('OW')})))
  (local.set $oh (i32.rem_u (i32.div_u ${get('p0')} ${get('OW')}) ${get('OH')}))
  (local.set $ow (i32.rem_u ${get('p0')} ${get('OW')}))
  (local.set $row ${get('col')})
  (block $nd (loop $nl
    (br_if $nd (i32.ge_u ${get('n')} ${get('count')}))
    (local.set $iw0 (i32.sub (i32.mul ${get('ow')} ${get('sw')}) ${get('left')}))
    ;; kernel columns [lo, hi) fall inside the image
    (local.set $lo (i32.const 0))
    (if (i32.lt_s ${get('iw0')} (i32.const 0)) (then (local.set $lo (i32.sub (i32.const 0) ${get('iw0')}))))
    ;; a window wholly left of the image (padding wider than the kernel) has no columns inside
    (if (i32.gt_s ${get('lo')} ${get('KW')}) (then (local.set $lo ${get('KW')})))
    (local.set $hi (i32.sub ${get('W')} ${get('iw0')}))
    (if (i32.gt_s ${get('hi')} ${get('KW')}) (then (local.set $hi ${get('KW')})))
    (if (i32.lt_s ${get('hi')} ${get('lo')}) (then (local.set $hi ${get('lo')})))
    (local.set $d ${get('row')})
    (local.set $kh (i32.const 0))
    (block $khd (loop $khl
      (br_if $khd (i32.ge_u ${get('kh')} ${get('KH')}))
      (local.set $ih (i32.add (i32.sub (i32.mul ${get('oh')} ${get('sh')}) ${get('top')}) ${get('kh')}))
      (if (i32.or (i32.lt_s ${get('ih')} (i32.const 0)) (i32.ge_s ${get('ih')} ${get('H')}))
        (then (memory.fill ${get('d')} (i32.const 0) ${get('run')}))
        (else
          (if ${get('lo')} (then (memory.fill ${get('d')} (i32.const 0) (i32.mul ${get('lo')} ${get('px')}))))
          (call $copy
            (i32.add ${get('d')} (i32.mul ${get('lo')} ${get('px')}))
            (i32.add ${get('x')} (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('H')}) ${get('ih')}) ${get('W')}) (i32.add ${get('iw0')} ${get('lo')})) ${get('px')}))
            (i32.mul (i32.sub ${get('hi')} ${get('lo')}) ${get('px')}))
          (if (i32.lt_s ${get('hi')} ${get('KW')}) (then
            (memory.fill (i32.add ${get('d')} (i32.mul ${get('hi')} ${get('px')})) (i32.const 0) (i32.mul (i32.sub ${get('KW')} ${get('hi')}) ${get('px')}))))))
      (local.set $d (i32.add ${get('d')} ${get('run')}))
      (local.set $kh (i32.add ${get('kh')} (i32.const 1)))
      (br $khl)))
    ;; next output position
    (local.set $ow (i32.add ${get('ow')} (i32.const 1)))
    (if (i32.eq ${get('ow')} ${get('OW')}) (then
      (local.set $ow (i32.const 0))
      (local.set $oh (i32.add ${get('oh')} (i32.const 1)))
      (if (i32.eq ${get('oh')} ${get('OH')}) (then
        (local.set $oh (i32.const 0))
        (local.set $b (i32.add ${get('b')} (i32.const 1)))))))
    (local.set $row (i32.add ${get('row')} ${get('ldcol')}))
    (local.set $n (i32.add ${get('n')} (i32.const 1)))
    (br $nl))))`;

/** colsum(x, out, rows, cols): out[j] = Σ_i x[i·cols + j], rows in order (as the cpu
 *  backend adds them), four columns per instruction. */
const COLSUM = `(func (export "colsum") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
  (local $i i32) (local $bytes i32)
  (local.set $bytes (i32.shl ${get('cols')} (i32.const 2)))
  (memory.fill ${get('out')} (i32.const 0) ${get('bytes')})
  (block $id (loop $il
    (br_if $id (i32.ge_u ${get('i')} ${get('rows')}))
    (call $addto ${get('out')} ${get('x')} ${get('bytes')})
    (local.set $x (i32.add ${get('x')} ${get('bytes')}))
    (local.set $i (i32.add ${get('i')} (i32.const 1)))
    (br $il))))`;

/** $lo/$hi: the input rows (or columns) the window at output $o covers, clipped to [0, n). */
const clipWindow = (o: string, stride: string, pad: string, k: string, n: string, lo: string, hi: string) =>
  `(local.set $${lo} (i32.sub (i32.mul ${get(o)} ${get(stride)}) ${get(pad)}))
      (local.set $${hi} (i32.add ${get(lo)} ${get(k)}))
      (if (i32.lt_s ${get(lo)} (i32.const 0)) (then (local.set $${lo} (i32.const 0))))
      (if (i32.gt_s ${get(hi)} ${get(n)}) (then (local.set $${hi} ${get(n)})))`;

/** Visits the clipped window ($h0..$h1 × $w0..$w1) of the current output at channel $c of
 *  image $img: `visit` runs with $p at each pixel's value, row by row. */
const walkWindow = (visit: string) => `(local.set $ih ${get('h0')})
          (local.set $row (i32.add ${get('img')} (i32.shl (i32.add (i32.mul (i32.add (i32.mul ${get('h0')} ${get('W')}) ${get('w0')}) ${get('C')}) ${get('c')}) (i32.const 2))))
          (block $hd (loop $hl
            (br_if $hd (i32.ge_s ${get('ih')} ${get('h1')}))
            (local.set $iw ${get('w0')})
            (local.set $p ${get('row')})
            (block $wd (loop $wl
              (br_if $wd (i32.ge_s ${get('iw')} ${get('w1')}))
${visit}
              (local.set $p (i32.add ${get('p')} ${get('pxs')}))
              (local.set $iw (i32.add ${get('iw')} (i32.const 1)))
              (br $wl)))
            (local.set $row (i32.add ${get('row')} ${get('rows')}))
            (local.set $ih (i32.add ${get('ih')} (i32.const 1)))
            (br $hl)))`;

/** The loops both pooling gradients share: each image b, each output row oh and column ow,
 *  with the window clipped to the image as $h0..$h1 × $w0..$w1; `body` runs once per output
 *  position, `imageStart` and `imageEnd` around each image. Ends inside the function. */
const overWindows = (body: string, imageStart = '', imageEnd = '') => `(block $bd (loop $bl
    (br_if $bd (i32.ge_u ${get('b')} ${get('B')}))
    ${imageStart}
    (local.set $oh (i32.const 0))
    (block $ohd (loop $ohl
      (br_if $ohd (i32.ge_u ${get('oh')} ${get('OH')}))
      ${clipWindow('oh', 'sh', 'top', 'KH', 'H', 'h0', 'h1')}
      (local.set $ow (i32.const 0))
      (block $owd (loop $owl
        (br_if $owd (i32.ge_u ${get('ow')} ${get('OW')}))
        ${clipWindow('ow', 'sw', 'left', 'KW', 'W', 'w0', 'w1')}
        ${body}
        (local.set $ow (i32.add ${get('ow')} (i32.const 1)))
        (br $owl)))
      (local.set $oh (i32.add ${get('oh')} (i32.const 1)))
      (br $ohl)))
    ${imageEnd}
    (local.set $b (i32.add ${get('b')} (i32.const 1)))
    (br $bl)))`;

/** maxpool_grad(x, dy, dx, B, H, W, C, OH, OW, KH, KW, sh, sw, top, left): dx = 0, then each
 *  dy[b, oh, ow, c] is added at the first largest x of its window (row by row, a later equal
 *  value does not win), as tfjs-cpu's maxPoolPositions picks it; a window with no value
 *  above −∞ (all −∞ or NaN) passes nothing. */
const MAXPOOL_GRAD = `(func (export "maxpool_grad") (param $x i32) (param $dy i32) (param $dx i32)
    (param $B i32) (param $H i32) (param $W i32) (param $C i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $top i32) (param $left i32)
  (local $b i32) (local $oh i32) (local $ow i32) (local $c i32)
  (local $h0 i32) (local $h1 i32) (local $w0 i32) (local $w1 i32) (local $ih i32) (local $iw i32)
  (local $best f32) (local $at i32) (local $v f32) (local $p i32) (local $img i32) (local $g i32)
  (local $row i32) (local $pxs i32) (local $rows i32) (local $bestv v128) (local $atv v128) (local $vv v128) (local $gt v128)
  ;; bytes from one pixel to the next, and from one image row to the next
  (local.set $pxs (i32.shl ${get('C')} (i32.const 2)))
  (local.set $rows (i32.mul ${get('W')} ${get('pxs')}))
  (memory.fill ${get('dx')} (i32.const 0) (i32.shl (i32.mul (i32.mul (i32.mul ${get('B')} ${get('H')}) ${get('W')}) ${get('C')}) (i32.const 2)))
  (local.set $g ${get('dy')})
  ${overWindows(`(local.set $c (i32.const 0))
        ;; four channels at a time: the lanes of $atv hold the address of each lane's best
        (block $cvd (loop $cvl
          (br_if $cvd (i32.gt_u (i32.add ${get('c')} (i32.const 4)) ${get('C')}))
          (local.set $bestv (v128.const f32x4 -inf -inf -inf -inf))
          (local.set $atv (v128.const i32x4 -1 -1 -1 -1))
          ${walkWindow(`              (local.set $vv (v128.load ${get('p')}))
              (local.set $gt (f32x4.gt ${get('vv')} ${get('bestv')}))
              (local.set $bestv (v128.bitselect ${get('vv')} ${get('bestv')} ${get('gt')}))
              (local.set $atv (v128.bitselect (i32x4.splat ${get('p')}) ${get('atv')} ${get('gt')}))`)}
          ${[0, 1, 2, 3].map((l) => `(local.set $at (i32x4.extract_lane ${l} ${get('atv')}))
          (if (i32.ge_s ${get('at')} (i32.const 0)) (then
            (local.set $p (i32.add ${get('dx')} (i32.sub ${get('at')} (i32.sub ${get('x')} (i32.const ${4 * l})))))
            (f32.store ${get('p')} (f32.add (f32.load ${get('p')}) (f32.load offset=${4 * l} ${get('g')})))))`).join('\n          ')}
          (local.set $g (i32.add ${get('g')} (i32.const 16)))
          (local.set $c (i32.add ${get('c')} (i32.const 4)))
          (br $cvl)))
        ;; the last C % 4 channels one at a time
        (block $cd (loop $cl
          (br_if $cd (i32.ge_u ${get('c')} ${get('C')}))
          (local.set $best (f32.const -inf))
          (local.set $at (i32.const -1))
          ${walkWindow(`              (local.set $v (f32.load ${get('p')}))
              (if (f32.gt ${get('v')} ${get('best')}) (then
                (local.set $best ${get('v')})
                (local.set $at ${get('p')})))`)}
          (if (i32.ge_s ${get('at')} (i32.const 0)) (then
            (local.set $p (i32.add ${get('dx')} (i32.sub ${get('at')} ${get('x')})))
            (f32.store ${get('p')} (f32.add (f32.load ${get('p')}) (f32.load ${get('g')})))))
          (local.set $g (i32.add ${get('g')} (i32.const 4)))
          (local.set $c (i32.add ${get('c')} (i32.const 1)))
          (br $cl)))`, `(local.set $img (i32.add ${get('x')} (i32.shl (i32.mul (i32.mul (i32.mul ${get('b')} ${get('H')}) ${get('W')}) ${get('C')}) (i32.const 2))))`)})`;

/** addto(dst, src, n): dst[i] += src[i] over n bytes (a multiple of 4). */
const ADDTO = `(func $addto (param $d i32) (param $s i32) (param $n i32)
  (local $end i32)
  (local.set $end (i32.add ${get('d')} ${get('n')}))
  (block $vd (loop $vl
    (br_if $vd (i32.gt_s (i32.add ${get('d')} (i32.const 16)) ${get('end')}))
    (v128.store ${get('d')} (f32x4.add (v128.load ${get('d')}) (v128.load ${get('s')})))
    (local.set $d (i32.add ${get('d')} (i32.const 16)))
    (local.set $s (i32.add ${get('s')} (i32.const 16)))
    (br $vl)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u ${get('d')} ${get('end')}))
    (f32.store ${get('d')} (f32.add (f32.load ${get('d')}) (f32.load ${get('s')})))
    (local.set $d (i32.add ${get('d')} (i32.const 4)))
    (local.set $s (i32.add ${get('s')} (i32.const 4)))
    (br $sl))))`;

/** avgpool_grad(dy, dx, B, H, W, C, OH, OW, KH, KW, sh, sw, top, left, scale): dx = 0, each
 *  dy[b, oh, ow, :] added onto every pixel of its window inside the image, then dx ·= scale
 *  (1 / (KH·KW), padding included, as tfjs-cpu scales the sum). */
const AVGPOOL_GRAD = `(func (export "avgpool_grad") (param $dy i32) (param $dx i32)
    (param $B i32) (param $H i32) (param $W i32) (param $C i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $top i32) (param $left i32) (param $scale f32)
  (local $b i32) (local $oh i32) (local $ow i32) (local $h0 i32) (local $h1 i32) (local $w0 i32) (local $w1 i32)
  (local $ih i32) (local $iw i32) (local $p i32) (local $img i32) (local $g i32) (local $pxs i32) (local $end i32) (local $sv v128)
  (local.set $pxs (i32.shl ${get('C')} (i32.const 2)))
  (local.set $end (i32.add ${get('dx')} (i32.mul (i32.mul (i32.mul ${get('B')} ${get('H')}) ${get('W')}) ${get('pxs')})))
  (memory.fill ${get('dx')} (i32.const 0) (i32.sub ${get('end')} ${get('dx')}))
  (local.set $g ${get('dy')})
  (local.set $img ${get('dx')})
  ${overWindows(`(local.set $ih ${get('h0')})
        (block $hd (loop $hl
          (br_if $hd (i32.ge_s ${get('ih')} ${get('h1')}))
          (local.set $iw ${get('w0')})
          (local.set $p (i32.add ${get('img')} (i32.mul (i32.add (i32.mul ${get('ih')} ${get('W')}) ${get('w0')}) ${get('pxs')})))
          (block $wd (loop $wl
            (br_if $wd (i32.ge_s ${get('iw')} ${get('w1')}))
            (call $addto ${get('p')} ${get('g')} ${get('pxs')})
            (local.set $p (i32.add ${get('p')} ${get('pxs')}))
            (local.set $iw (i32.add ${get('iw')} (i32.const 1)))
            (br $wl)))
          (local.set $ih (i32.add ${get('ih')} (i32.const 1)))
          (br $hl)))
        (local.set $g (i32.add ${get('g')} ${get('pxs')}))`, '', `(local.set $img (i32.add ${get('img')} (i32.mul (i32.mul ${get('H')} ${get('W')}) ${get('pxs')})))`)}
  ;; dx ·= scale
  (local.set $sv (f32x4.splat ${get('scale')}))
  (local.set $p ${get('dx')})
  (block $vd (loop $vl
    (br_if $vd (i32.gt_u (i32.add ${get('p')} (i32.const 16)) ${get('end')}))
    (v128.store ${get('p')} (f32x4.mul (v128.load ${get('p')}) ${get('sv')}))
    (local.set $p (i32.add ${get('p')} (i32.const 16)))
    (br $vl)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u ${get('p')} ${get('end')}))
    (f32.store ${get('p')} (f32.mul (f32.load ${get('p')}) ${get('scale')}))
    (local.set $p (i32.add ${get('p')} (i32.const 4)))
    (br $sl))))`;

/** `shared`: the variant on a shared memory, for the helper threads (./gemm-threads.ts). */
export function convWat({ shared = false }: Pick<WatVariant, 'shared'> = {}): string {
  return `(module
(import "env" "memory" ${shared ? '(memory 1 32768 shared)' : '(memory 1)'})
${COPY}
${IM2COL}
${COLSUM}
${MAXPOOL_GRAD}
${ADDTO}
${AVGPOOL_GRAD}
)`;
}
