// The data view's pieces rendered to markup (react-dom/server, no browser): what the user
// is told about unavailable datasets, the class balance and the label column choice.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DatasetSummaryWire } from '../../electron/contract.js';
import { ClassBalance } from './ClassBalance.js';
import { ColumnTypes } from './ColumnTypes.js';
import { DatasetPicker, baseName } from './DatasetPicker.js';

const ds = (id: string, format: string, available = true, reason?: string): DatasetSummaryWire => ({
  id,
  name: id.toUpperCase(),
  description: `${id} set`,
  task: 'classification',
  format,
  available,
  ...(reason ? { reason } : {}),
});

const noop = () => undefined;

describe('DatasetPicker', () => {
  it('groups teaching sets and real data, and shows an unavailable set disabled with its reason', () => {
    const html = renderToStaticMarkup(
      <DatasetPicker
        datasets={[ds('xor', 'generated'), ds('fashion-mnist', 'builtin', false, 'install the Debian package dataset-fashion-mnist')]}
        current={{ id: 'xor' }}
        onPick={noop}
        onImport={noop}
        importing={false}
        columns={null}
        onLabelColumn={noop}
      />,
    );
    expect(html.indexOf('Teaching sets')).toBeLessThan(html.indexOf('data-dataset="xor"'));
    expect(html.indexOf('Real data')).toBeLessThan(html.indexOf('data-dataset="fashion-mnist"'));
    expect(html).toMatch(/data-dataset="xor" aria-pressed="true"/);
    expect(html).toMatch(/data-dataset="fashion-mnist" aria-pressed="false" disabled=""/);
    expect(html).toContain('install the Debian package dataset-fashion-mnist');
    expect(html).not.toContain('Label column');
  });

  it('offers the label column of an imported CSV, the last one by default', () => {
    const html = renderToStaticMarkup(
      <DatasetPicker datasets={[]} current={{ file: '/ws/data/iris.csv', format: 'csv' }} onPick={noop} onImport={noop} importing={false} columns={['a', 'b', 'species']} onLabelColumn={noop} />,
    );
    expect(html).toContain('data-dataset-file="iris.csv"');
    expect(html).not.toContain('/ws/data');
    expect(html).toContain('Label column');
    expect(html).toMatch(/<option selected="">species<\/option>/);
  });

  it('names files without their folders on any host', () => {
    expect(baseName('C:\\Users\\me\\iris.csv')).toBe('iris.csv');
    expect(baseName('/home/me/iris.csv')).toBe('iris.csv');
  });
});

describe('ClassBalance', () => {
  it('one bar per class, widths relative to the largest, counts and shares', () => {
    const html = renderToStaticMarkup(<ClassBalance names={['neg', 'pos']} counts={[98, 2]} />);
    expect(html).toContain('data-classes="2"');
    expect(html).toMatch(/data-class="neg" data-count="98"/);
    expect(html).toContain('width:100%');
    expect(html).toMatch(/width:2\.04\d*%/);
    expect(html).toContain('98.0 %');
    expect(html).toContain('2.0 %');
  });
});

describe('ColumnTypes', () => {
  const columns = [
    { name: 'name', kind: 'ignored' as const, identifier: true as const },
    { name: 'height', kind: 'numeric' as const, decimal: ',' as const },
    { name: 'colour', kind: 'categorical' as const, categories: 3, chosen: true as const },
    { name: 'label', kind: 'categorical' as const, categories: 2, label: true as const },
  ];

  it('shows the type decided for each column, the warnings, and the choice the project made', () => {
    const html = renderToStaticMarkup(
      <ColumnTypes columns={columns} choices={{ colour: 'categorical' }} warnings={['column "name" is left out: …']} onChoose={noop} />,
    );
    expect(html).toMatch(/data-column="name" data-type="identifier"/);
    expect(html).toMatch(/data-column="height" data-type="numeric"/);
    expect(html).toMatch(/data-column="colour" data-type="categorical"/);
    expect(html).toMatch(/data-column="label" data-type="label"/);
    expect(html).toContain('numbers with decimal commas');
    expect(html).toContain('identifier · left out');
    expect(html).toContain('data-data-warning');
    // The project's choice is selected; the others read "as detected".
    const row = (n: string) => html.slice(html.indexOf(`data-column="${n}"`), html.indexOf('</tr>', html.indexOf(`data-column="${n}"`)));
    expect(row('colour')).toMatch(/<option value="categorical" selected="">categorical<\/option>/);
    expect(row('height')).toMatch(/<option value="" selected="">as detected<\/option>/);
    // The label can change type but cannot be left out.
    expect(row('name')).toContain('leave out');
    expect(row('label')).not.toContain('leave out');
  });
});
