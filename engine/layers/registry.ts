// The catalog: every layer kind, each defined in its own file under kinds/. Everything that
// lists kinds (palette, checker, compiler, code export, tests) derives the list from here.
import { Conv2D } from './kinds/Conv2D.js';
import { Dense } from './kinds/Dense.js';
import { Input } from './kinds/Input.js';
import type { LayerKind } from './types.js';

export const CATALOG: readonly LayerKind[] = [Input, Dense, Conv2D];

const BY_KIND = new Map(CATALOG.map((k) => [k.kind, k]));

export function getKind(kind: string): LayerKind | undefined {
  return BY_KIND.get(kind);
}

export function kindNames(): string[] {
  return CATALOG.map((k) => k.kind);
}
