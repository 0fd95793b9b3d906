export function startWeb(args: string[]): void;
