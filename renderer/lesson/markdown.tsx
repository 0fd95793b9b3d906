// The small Markdown a lesson's instructions are written in, rendered to React elements (never
// to HTML strings, so nothing in a lesson file can run in the page): # headings, paragraphs,
// - and 1. lists, **bold**, *italic*, `code`.
import type { ReactNode } from 'react';

/** Inline marks of one line: `code`, **bold**, *italic*. */
export function inline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    const k = `${key}-${n++}`;
    if (t.startsWith('`')) out.push(<code key={k}>{t.slice(1, -1)}</code>);
    else if (t.startsWith('**')) out.push(<b key={k}>{t.slice(2, -2)}</b>);
    else out.push(<i key={k}>{t.slice(1, -1)}</i>);
    last = m.index + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block = { kind: 'h'; level: number; text: string } | { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

/** The blocks of a Markdown text: blank lines end paragraphs and lists. */
export function blocks(md: string): Block[] {
  const out: Block[] = [];
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const last = out.at(-1);
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const ul = /^\s*[-*]\s+(.*)$/.exec(line);
    const ol = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) out.push({ kind: 'p', text: '' });
    else if (h) out.push({ kind: 'h', level: h[1]!.length, text: h[2]! });
    else if (ul || ol) {
      const kind = ul ? 'ul' : 'ol';
      const text = (ul ?? ol)![1]!;
      if (last?.kind === kind) last.items.push(text);
      else out.push({ kind, items: [text] });
    } else if (last?.kind === 'p' && last.text) last.text += ` ${line.trim()}`;
    else if ((last?.kind === 'ul' || last?.kind === 'ol') && /^\s+/.test(raw)) last.items[last.items.length - 1] += ` ${line.trim()}`;
    else out.push({ kind: 'p', text: line.trim() });
  }
  return out.filter((b) => b.kind !== 'p' || b.text);
}

export function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      {blocks(text).map((b, i) => {
        const k = `b${i}`;
        if (b.kind === 'h') return b.level === 1 ? <h3 key={k}>{inline(b.text, k)}</h3> : <h4 key={k}>{inline(b.text, k)}</h4>;
        if (b.kind === 'p') return <p key={k}>{inline(b.text, k)}</p>;
        const items = b.items.map((t, j) => <li key={j}>{inline(t, `${k}-${j}`)}</li>);
        return b.kind === 'ul' ? <ul key={k}>{items}</ul> : <ol key={k}>{items}</ol>;
      })}
    </div>
  );
}
