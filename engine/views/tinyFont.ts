// A 3×5 bitmap font for the labels drawn into the CLI's PNG rasters (no system fonts needed, so
// the pictures are the same on every machine). Upper case only: lower case is drawn as upper.
const GLYPHS: Record<string, string> = {
  ' ': '... ... ... ... ...', '0': '### #.# #.# #.# ###', '1': '.#. ##. .#. .#. ###', '2': '##. ..# .#. #.. ###',
  '3': '##. ..# .#. ..# ##.', '4': '#.# #.# ### ..# ..#', '5': '### #.. ##. ..# ##.', '6': '.## #.. ### #.# ###',
  '7': '### ..# .#. .#. .#.', '8': '### #.# ### #.# ###', '9': '### #.# ### ..# ##.', A: '.#. #.# ### #.# #.#',
  B: '##. #.# ##. #.# ##.', C: '.## #.. #.. #.. .##', D: '##. #.# #.# #.# ##.', E: '### #.. ##. #.. ###',
  F: '### #.. ##. #.. #..', G: '.## #.. #.# #.# .##', H: '#.# #.# ### #.# #.#', I: '### .#. .#. .#. ###',
  J: '..# ..# ..# #.# .#.', K: '#.# #.# ##. #.# #.#', L: '#.. #.. #.. #.. ###', M: '#.# ### ### #.# #.#',
  N: '##. #.# #.# #.# #.#', O: '.#. #.# #.# #.# .#.', P: '##. #.# ##. #.. #..', Q: '.#. #.# #.# ##. .##',
  R: '##. #.# ##. #.# #.#', S: '.## #.. .#. ..# ##.', T: '### .#. .#. .#. .#.', U: '#.# #.# #.# #.# ###',
  V: '#.# #.# #.# #.# .#.', W: '#.# #.# ### ### #.#', X: '#.# #.# .#. #.# #.#', Y: '#.# #.# .#. .#. .#.',
  Z: '### ..# .#. #.. ###', '.': '... ... ... ... .#.', ',': '... ... ... .#. #..', '-': '... ... ### ... ...',
  '−': '... ... ### ... ...', '+': '... .#. ### .#. ...', ':': '... .#. ... .#. ...', '/': '..# ..# .#. #.. #..',
  '(': '.#. #.. #.. #.. .#.', ')': '.#. ..# ..# ..# .#.', '=': '... ### ... ### ...', '%': '#.# ..# .#. #.. #.#',
  _: '... ... ... ... ###', '?': '##. ..# .#. ... .#.', '…': '... ... ... ... #.#', '≥': '#.. .#. ..# .#. ###',
  '<': '..# .#. #.. .#. ..#', '>': '#.. .#. ..# .#. #..', "'": '.#. .#. ... ... ...', '×': '... #.# .#. #.# ...',
};

/** Pixels one character takes at scale 1, with its one-pixel gap. */
export const CHAR_W = 4;
export const CHAR_H = 6;

export const textWidth = (s: string, scale = 1) => Math.max(0, [...s].length * CHAR_W * scale - scale);

/** Draws `s` into an RGB buffer `width` pixels wide, its top-left at (x, y); clipped to the buffer. */
export function drawText(data: Uint8Array, width: number, x: number, y: number, s: string, rgb: readonly [number, number, number], scale = 1): void {
  const height = data.length / 3 / width;
  [...s].forEach((ch, k) => {
    const g = (GLYPHS[ch] ?? GLYPHS[ch.toUpperCase()] ?? GLYPHS['?']!).split(' ');
    for (let gy = 0; gy < 5; gy++)
      for (let gx = 0; gx < 3; gx++) {
        if (g[gy]![gx] !== '#') continue;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const px = x + (k * CHAR_W + gx) * scale + dx, py = y + gy * scale + dy;
            if (px >= 0 && px < width && py >= 0 && py < height) data.set(rgb, (py * width + px) * 3);
          }
      }
  });
}
