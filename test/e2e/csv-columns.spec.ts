// A CSV file as a European spreadsheet writes it (semicolons, decimal commas) with a name
// column: the Data view reads the right columns, shows the type it decided for each (the name
// left out as an identifier, with a warning), and a column's type changed there is one
// undoable edit that reloads the dataset. A file with a word in a numeric column is refused,
// naming row and value, until the user says how to read that column.
import { expect, snap, test } from './fixtures.js';

const colours = ['rot', 'grün', 'blau'];
const rows = Array.from({ length: 30 }, (_, i) => {
  const height = (150 + i * 1.5).toFixed(1).replace('.', ',');
  const weight = (50 + i * 0.75).toFixed(2).replace('.', ',');
  return `Person ${i + 1};${height};${weight};${colours[i % 3]};${i % 2 ? 'ja' : 'nein'}`;
});
const text = ['Name;Größe;Gewicht;Farbe;Sport', ...rows].join('\r\n') + '\r\n';

test('data panel: a semicolon CSV with decimal commas and a name column', async ({ app: page }, info) => {
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const panel = page.locator('[data-view="data"]');
  await page.getByTestId('import-data-file').setInputFiles({ name: 'sport.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(panel.locator('[data-dataset-name]')).toHaveText('sport.csv');
  await expect(panel.getByText(/CSV \(semicolons, decimal commas\), 30 rows/)).toBeVisible();

  const types = panel.locator('[data-view="column-types"]');
  const typeOf = (name: string) => types.locator(`tr[data-column="${name}"]`);
  await expect(typeOf('Name')).toHaveAttribute('data-type', 'identifier');
  await expect(typeOf('Größe')).toHaveAttribute('data-type', 'numeric');
  await expect(typeOf('Gewicht')).toHaveAttribute('data-type', 'numeric');
  await expect(typeOf('Farbe')).toHaveAttribute('data-type', 'categorical');
  await expect(typeOf('Sport')).toHaveAttribute('data-type', 'label');
  await expect(panel.locator('[data-data-warning]')).toContainText('column "Name" is left out');
  // Two numbers and three one-hot colours; 1,5 is read as 1.5.
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText('[5]');
  const rowsTable = panel.locator('[data-view="rows"]');
  await expect(rowsTable.locator('thead th')).toContainText(['#', 'Größe', 'Gewicht', 'Farbe=blau', 'Farbe=grün', 'Farbe=rot', 'label']);
  const heights = await rowsTable.locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(heights.map(Number).every((h) => h >= 150 && h <= 193.5 && Number.isFinite(h))).toBe(true);
  expect(heights.some((h) => !Number.isInteger(Number(h)))).toBe(true);
  await expect(panel.locator('#data-label-column')).toHaveValue('Sport');
  await snap(page, info, 'csv-columns');

  // Leave the colour out: the dataset reloads with two features; undo brings it back.
  await typeOf('Farbe').locator('select').selectOption('ignore');
  await expect(typeOf('Farbe')).toHaveAttribute('data-type', 'ignored');
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText('[2]');
  await expect(typeOf('Farbe').locator('select')).toHaveValue('ignore');
  // Undo from the keyboard (the Undo button is on the editor's canvas), with the focus off the select.
  await panel.locator('[data-card="columns"] h3').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(typeOf('Farbe')).toHaveAttribute('data-type', 'categorical');
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText('[5]');

  // Keep the names after all: thirty one-hot features more, and no warning.
  await typeOf('Name').locator('select').selectOption('categorical');
  await expect(typeOf('Name')).toHaveAttribute('data-type', 'categorical');
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText('[35]');
  await expect(panel.locator('[data-data-warning]')).toHaveCount(0);
  await snap(page, info, 'csv-columns-kept');

  // A typo among numbers: refused with the row and value, and the choices as buttons.
  const typo = 'Größe;Gewicht;Sport\n1,5;60;ja\n1,7;n/b;nein\n1,6;55;ja\n1,8;72;nein\n';
  await page.getByTestId('import-data-file').setInputFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: Buffer.from(typo) });
  const refused = panel.locator('[data-import-refused]');
  await expect(refused).toContainText('typo.csv, row 3, column "Gewicht": "n/b" is not a number, but 3 of the column\'s 4 values are');
  await expect(panel.locator('[data-dataset-name]')).toHaveText('sport.csv');
  await snap(page, info, 'csv-refused');
  await refused.locator('[data-action="column-fix"][data-choice="ignore"]').click();
  await expect(refused).toHaveCount(0);
  await expect(panel.locator('[data-dataset-name]')).toHaveText('typo.csv');
  await expect(typeOf('Gewicht')).toHaveAttribute('data-type', 'ignored');
  await expect(typeOf('Gewicht').locator('select')).toHaveValue('ignore');
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText('[1]');
});
