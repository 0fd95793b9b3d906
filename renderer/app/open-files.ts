// Browser mode's Open: the files the user chose become one upload. A project is one file; a
// TensorFlow.js model is its model.json and the weight files it names, chosen together; a
// .keras file is binary (sent as base64). The host recognises which by the content.
import { MAX_UPLOAD_BYTES, type Request, type Response } from '../../electron/contract.js';
import { megabytes } from '../api/ws-bridge.js';

type Upload = NonNullable<Request<'project.open'>['upload']>;

/** The file that is opened among those chosen: a .keras file, else model.json, else a JSON file. */
export function mainFile<F extends { name: string }>(files: F[]): F | undefined {
  const lower = (f: F) => f.name.toLowerCase();
  return files.find((f) => lower(f).endsWith('.keras')) ?? files.find((f) => lower(f) === 'model.json') ?? files.find((f) => lower(f).endsWith('.json')) ?? files[0];
}

/** Why the chosen files are too large to upload together, or null (checked before reading them). */
export function uploadTooLargeAll(files: { name: string; size: number }[]): string | null {
  // Base64 takes 4 bytes for 3; the JSON text is sent as it is.
  const size = files.reduce((n, f) => n + (f.name.toLowerCase().endsWith('.json') ? f.size : Math.ceil(f.size / 3) * 4), 0);
  if (size <= MAX_UPLOAD_BYTES) return null;
  return `${files.map((f) => f.name).join(', ')} come to ${megabytes(size)} as sent; browser mode uploads at most ${megabytes(MAX_UPLOAD_BYTES)} — open the model in the desktop app, which reads files where they are`;
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error(`cannot read ${file.name}`));
    r.readAsDataURL(file);
  });
}

/** The upload for the chosen files: the main one as text (JSON) or base64, the rest as base64. */
export async function uploadOf(files: File[]): Promise<Upload> {
  const main = mainFile(files)!;
  const rest = files.filter((f) => f !== main);
  const body = main.name.toLowerCase().endsWith('.keras') ? { base64: await base64Of(main) } : { text: await main.text() };
  return { name: main.name, ...body, ...(rest.length ? { files: await Promise.all(rest.map(async (f) => ({ name: f.name, base64: await base64Of(f) }))) } : {}) };
}

/** What the editor does with Open's answer: an imported model is a new, unsaved document, and
 *  the first line says what came in and where its weights are. */
export function openedAs(r: Extract<Response<'project.open'>, { canceled: false }>, fallbackName: string | null): { name: string | null; saved: boolean; warnings: string[] } {
  const i = r.imported;
  if (!i) return { name: r.document?.name ?? fallbackName, saved: true, warnings: r.warnings };
  const layers = r.project.graph.nodes.length;
  const weights = i.runId
    ? `its weights (${i.weights.toLocaleString('en-US')} values) are run ${i.runId}; save the project to keep them`
    : 'it has no weights: they start fresh when it trains';
  return { name: null, saved: false, warnings: [`Imported ${i.format} ${i.file}: ${layers} layers; ${weights}.`, ...r.warnings] };
}
