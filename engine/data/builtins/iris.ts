// Fisher's Iris (1936), the UCI copy, shipped as assets/iris.csv (150 rows, 50 per species).
import { fileURLToPath } from 'node:url';
import { assetsDir } from '../../backend/env.js';
import type { DatasetSpec } from '../spec.js';
import { readCsvFile } from '../io/csv.js';

export const IRIS_FILE = assetsDir()
  ? `${assetsDir()}/iris.csv`
  : fileURLToPath(new URL('../../../assets/iris.csv', import.meta.url));

export const iris: DatasetSpec = {
  id: 'iris',
  name: 'Iris',
  description: '150 iris flowers, 4 measurements (cm) each, 3 species with 50 flowers each.',
  source: 'R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems"; UCI Machine Learning Repository copy, shipped as assets/iris.csv',
  task: 'classification',
  format: 'builtin',
  options: {},
  async load() {
    const t = await readCsvFile(IRIS_FILE, { labelColumn: 'species' });
    return {
      name: this.name,
      description: this.description,
      source: this.source,
      task: 'classification',
      inputShape: [t.width],
      targetShape: [],
      classNames: t.classNames!,
      featureNames: t.featureNames,
      sourceDtype: 'float32',
      all: { x: t.x, y: t.y, count: t.count },
    };
  },
};
