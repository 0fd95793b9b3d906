// Browser mode's image-folder upload: the page sends each image as "class/file.png" and the
// host writes them into a fresh folder of its workspace. A name is never trusted as a path:
// exactly one class folder and one file, no '..', nothing absolute, images only. Pure (the
// page checks the same before it uploads).

/** What may be uploaded: the raster formats sharp decodes (no SVG: it can name other files). */
export const UPLOAD_IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp|tiff?|avif)$/i;
/** At most this many images in one folder upload. */
export const MAX_IMAGE_FILES = 10_000;

const BAD_CHAR = /[\\\0:*?"<>|\u0000-\u001f]/;

function segmentProblem(s: string, what: string): string | null {
  if (!s) return `an empty ${what} name`;
  if (s === '.' || s === '..') return `'${s}' is not a ${what} name`;
  if (s.startsWith('.')) return `a hidden ${what} (starting with '.')`;
  if (s.length > 255) return `a ${what} name longer than 255 characters`;
  if (BAD_CHAR.test(s)) return `a ${what} name with a character a file name cannot hold`;
  return null;
}

/** Why `name` cannot be stored as "class/file.ext" in the new folder, or null when it can. */
export function imageUploadProblem(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path; give "class/file.png"';
  if (name.includes('\\')) return 'a backslash; folders are separated by "/"';
  const parts = name.split('/');
  if (parts.length !== 2) return parts.length < 2 ? 'no class folder; give "class/file.png"' : 'more than one level of folders; give "class/file.png"';
  const [cls, file] = parts as [string, string];
  const p = segmentProblem(cls, 'class folder') ?? segmentProblem(file, 'file');
  if (p) return p;
  if (!UPLOAD_IMAGE_EXT.test(file)) return 'not an image (.png, .jpg, .jpeg, .gif, .webp, .bmp, .tif, .tiff, .avif)';
  return null;
}

/** Why the folder's own name cannot be used, or null. */
export function folderNameProblem(name: string): string | null {
  return segmentProblem(name, 'folder') ?? (name.includes('/') ? 'a folder name with "/"' : null);
}

/** Every problem of an upload, each naming its file; duplicates count (case-insensitively, as some disks compare names). */
export function imageUploadProblems(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const p = imageUploadProblem(n);
    if (p) out.push(`${n}: ${p}`);
    else if (seen.has(n.toLowerCase())) out.push(`${n}: given twice`);
    seen.add(n.toLowerCase());
  }
  return out;
}

/** The page's side: a picked folder's files (webkitRelativePath "top/class/file.png") as
 *  upload names, the folder's name, and what is left out (not an image, too deep, at the top). */
export function folderUploadNames(paths: readonly string[]): { folder: string; names: { path: string; name: string }[]; skipped: string[] } {
  const folder = paths[0]?.split('/')[0] ?? '';
  const names: { path: string; name: string }[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    const rest = p.split('/').slice(1).join('/');
    if (imageUploadProblem(rest)) skipped.push(p);
    else names.push({ path: p, name: rest });
  }
  return { folder, names, skipped };
}
