import { describe, expect, it } from 'vitest';
import { applyEdit } from '../state/edits.js';
import { createEditor, editorReducer, present } from '../state/editor.js';
import { mlp } from '../state/fixtures.js';
import { csvHeader, looksLikeHeader } from './csvHeader.js';
import { columnChoices, columnFixes, describeColumn, withColumnChoice } from './columnTypes.js';
import { inputShapeEdit } from './inputShape.js';
import type { Project } from '../../engine/project/types.js';
import { testProject } from '../../engine/project/fixtures.js';

describe('csvHeader', () => {
  it('reads the first line, quotes and the likely delimiter', () => {
    expect(csvHeader('sepal_length,sepal_width,species\n5.1,3.5,Iris-setosa\n')).toEqual(['sepal_length', 'sepal_width', 'species']);
    expect(csvHeader('\uFEFF"a, b";"say ""hi""";c\r\n1;2;3')).toEqual(['a, b', 'say "hi"', 'c']);
    expect(csvHeader('x\ty\tlabel')).toEqual(['x', 'y', 'label']);
    expect(csvHeader('')).toEqual([]);
  });
  it('tells names from data', () => {
    expect(looksLikeHeader(['a', '1'])).toBe(true);
    expect(looksLikeHeader(['1.5', '-2', '3e4'])).toBe(false);
  });
});

describe('inputShapeEdit', () => {
  const withInputs = (n: number): Project => {
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `in${i}`, kind: 'Input', params: { shape: [2] }, position: { x: 0, y: i * 100 } }));
    return testProject({ nodes });
  };
  it('sets the one Input node to the dataset shape', () => {
    const p = withInputs(1);
    const r = inputShapeEdit(p, [28, 28, 1]);
    expect(r.ok && r.same).toBe(false);
    if (!r.ok) throw new Error(r.reason);
    expect(applyEdit(p, r.edit).graph.nodes[0]!.params.shape).toEqual([28, 28, 1]);
    expect(inputShapeEdit(p, [2])).toMatchObject({ ok: true, same: true });
  });
  it('says why when there is no single Input', () => {
    expect(inputShapeEdit(withInputs(0), [2])).toEqual({ ok: false, reason: 'the network has no Input layer' });
    expect(inputShapeEdit(withInputs(2), [2])).toMatchObject({ ok: false, reason: expect.stringContaining('2 Input layers') });
  });
});

describe('column types', () => {
  const ref = { file: 'data/people.csv', format: 'csv' as const, options: { labelColumn: 'label' } };

  it('a choice sets the option columns, keeping the other options; "as detected" removes it', () => {
    const a = withColumnChoice(ref, 'name', 'categorical');
    expect(a).toEqual({ file: 'data/people.csv', format: 'csv', options: { labelColumn: 'label', columns: { name: 'categorical' } } });
    const b = withColumnChoice(a, 'age', 'ignore');
    expect(columnChoices(b)).toEqual({ name: 'categorical', age: 'ignore' });
    expect(withColumnChoice(withColumnChoice(b, 'name', null), 'age', null)).toEqual(ref);
    expect(withColumnChoice({ file: 'x.csv' }, 'a', null)).toEqual({ file: 'x.csv' });
    // A hand-edited project's malformed option is not carried along.
    expect(columnChoices({ file: 'x.csv', options: { columns: { a: 'text', b: 'ignore' } } })).toEqual({ b: 'ignore' });
  });

  it('changing a column is one undo step of the project', () => {
    let s = createEditor({ ...mlp(), dataset: ref });
    s = editorReducer(s, { type: 'edit', edits: [{ type: 'setDataset', dataset: withColumnChoice(present(s).dataset!, 'name', 'categorical') }] });
    expect(present(s).dataset?.options?.columns).toEqual({ name: 'categorical' });
    s = editorReducer(s, { type: 'undo' });
    expect(present(s).dataset).toEqual(ref);
  });

  it('reads the fixes a loader error proposes', () => {
    const msg =
      'people.csv, row 3, column "a \"b\"": "abc" is not a number, but 2 of the column\'s 3 values are. Correct it, or read the column as categories with the option columns: {"a \\"b\\"": "categorical"} or leave it out with columns: {"a \\"b\\"": "ignore"}';
    expect(columnFixes(msg)).toEqual([
      { column: 'a "b"', choice: 'categorical' },
      { column: 'a "b"', choice: 'ignore' },
    ]);
    expect(columnFixes('people.csv, row 3: has 2 fields but row 1 has 3 (ragged rows)')).toEqual([]);
  });

  it('names each decided type', () => {
    expect(describeColumn({ name: 'a', kind: 'numeric', decimal: ',' })).toEqual({ type: 'numeric', detail: 'one feature, numbers with decimal commas' });
    expect(describeColumn({ name: 'c', kind: 'categorical', categories: 3 })).toEqual({ type: 'categorical', detail: '3 one-hot features' });
    expect(describeColumn({ name: 'y', kind: 'categorical', categories: 2, label: true })).toEqual({ type: 'label', detail: 'what the network learns to predict: 2 classes' });
    expect(describeColumn({ name: 'id', kind: 'ignored', identifier: true }).type).toBe('identifier');
    expect(describeColumn({ name: 'id', kind: 'ignored', chosen: true }).type).toBe('ignored');
  });
});
