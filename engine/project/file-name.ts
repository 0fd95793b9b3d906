// The one file-name sanitiser: a project's (or an upload's) name made into a file-name stem
// that is safe on every platform and passes the contract's name check (letters, digits,
// space, dot, dash, underscore; starting with a letter or digit). The renderer uses it for
// the names it suggests, the hosts for the files they write.

/** "MNIST — convolutional" → "MNIST-convolutional"; "../../etc/passwd" → "etcpasswd"; `fallback` when nothing is left. */
export function fileStem(name: string, fallback = 'untitled'): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._-]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80);
  return stem || fallback;
}
