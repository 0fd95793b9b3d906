// One colour per class, the same everywhere a class is drawn: the balance bars, the scatter plot,
// the labels, the latent and sequence views, and the decision boundary (../views/planeDraw.ts).
// Tableau 10: ten hues that stay apart (blue, orange, red, teal, green, yellow, purple, pink,
// brown, grey), so no two of ten digits look alike.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const at = (i: number) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;

export function classColor(i: number): string {
  return at(i);
}

/** The class colour as [r, g, b] bytes (for canvas pixels). */
export function classRgb(i: number): [number, number, number] {
  const h = at(i);
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}
