// The predicted class per cell of a plane snapshot. Apart from ./boundary.ts (which needs
// TensorFlow.js) so the renderer can colour a boundary without loading it.
import type { PlaneSnapshot } from './boundary.js';

/** The predicted class and its probability per cell (classification), from an output map. */
export function classesOf(s: PlaneSnapshot): { cls: Uint8Array; conf: Float32Array } {
  const cells = s.res * s.res;
  const cls = new Uint8Array(cells);
  const conf = new Float32Array(cells);
  const v = s.output.values;
  for (let c = 0; c < cells; c++) {
    if (s.output.units === 1) {
      const p = v[c]!;
      cls[c] = p >= 0.5 ? 1 : 0;
      conf[c] = p >= 0.5 ? p : 1 - p;
    } else {
      let best = 0;
      for (let u = 1; u < s.output.units; u++) if (v[u * cells + c]! > v[best * cells + c]!) best = u;
      cls[c] = best;
      conf[c] = v[best * cells + c]!;
    }
  }
  return { cls, conf };
}
