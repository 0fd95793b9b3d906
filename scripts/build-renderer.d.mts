export const ROOT: string;
export function rendererIsStale(): boolean;
export function ensureRendererBuilt(opts?: { force?: boolean }): void;
