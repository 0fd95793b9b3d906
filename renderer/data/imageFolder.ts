// Browser mode's image-folder import: the folder the person picked (<input webkitdirectory>)
// becomes the host's upload, its images named "class/file.png", checked and bounded here
// first so nothing too large is read into the page.
import { MAX_UPLOAD_BYTES } from '../../electron/contract.js';
import { folderUploadNames, MAX_IMAGE_FILES } from '../../electron/image-upload.js';

export interface ImageFolderUpload {
  name: string;
  files: { name: string; base64: string }[];
}

const mib = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;

/** Base64's size for `bytes` bytes. */
const base64Size = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** Why these files (each with its path inside the picked folder) cannot be uploaded, or what to send. */
export function planImageFolder(files: readonly { path: string; size: number }[]): { error: string } | { folder: string; take: { path: string; name: string }[]; skipped: number } {
  const { folder, names, skipped } = folderUploadNames(files.map((f) => f.path));
  if (!names.length) return { error: `${folder || 'the folder'} holds no images in class folders: it needs one sub-folder of images (.png, .jpg, …) per class` };
  if (names.length > MAX_IMAGE_FILES) return { error: `${folder} holds ${names.length.toLocaleString('en-US')} images; browser mode uploads at most ${MAX_IMAGE_FILES.toLocaleString('en-US')} — use fewer, or the desktop app, which reads the folder where it is` };
  const size = new Map(files.map((f) => [f.path, f.size]));
  const total = names.reduce((n, f) => n + base64Size(size.get(f.path) ?? 0), 0);
  if (total > MAX_UPLOAD_BYTES) return { error: `${folder}'s images take ${mib(total)} to send; browser mode uploads at most ${mib(MAX_UPLOAD_BYTES)} — use fewer or smaller images, or the desktop app` };
  return { folder, take: names, skipped: skipped.length };
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error(`could not read ${file.name}`));
    r.readAsDataURL(file);
  });
}

/** Reads the picked folder's images for the upload, or says why not. */
export async function imageFolderUpload(list: FileList | readonly File[]): Promise<{ error: string } | { upload: ImageFolderUpload; skipped: number }> {
  const files = [...list];
  const pathOf = (f: File) => f.webkitRelativePath || f.name;
  const plan = planImageFolder(files.map((f) => ({ path: pathOf(f), size: f.size })));
  if ('error' in plan) return plan;
  const byPath = new Map(files.map((f) => [pathOf(f), f]));
  const out: ImageFolderUpload['files'] = [];
  for (const t of plan.take) out.push({ name: t.name, base64: await base64Of(byPath.get(t.path)!) });
  return { upload: { name: plan.folder, files: out }, skipped: plan.skipped };
}
