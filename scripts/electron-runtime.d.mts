export function electronRuntime(): { path: string; reason: null } | { path: null; reason: string };
