export function buildElectron(): Promise<string>;
