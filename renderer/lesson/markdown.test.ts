import { describe, expect, it } from 'vitest';
import { blocks } from './markdown.js';

describe("a lesson's Markdown", () => {
  it('splits headings, paragraphs and lists, joining wrapped lines', () => {
    expect(blocks('# Title\n\nOne line\nwraps here.\n\n1. first\n2. second\n   continued\n- a\n- b\n\nEnd')).toEqual([
      { kind: 'h', level: 1, text: 'Title' },
      { kind: 'p', text: 'One line wraps here.' },
      { kind: 'ol', items: ['first', 'second continued'] },
      { kind: 'ul', items: ['a', 'b'] },
      { kind: 'p', text: 'End' },
    ]);
  });
  it('keeps HTML as text (blocks hold strings; the renderer makes elements of them)', () => {
    expect(blocks('<script>alert(1)</script>')).toEqual([{ kind: 'p', text: '<script>alert(1)</script>' }]);
  });
});
