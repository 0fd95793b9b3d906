// Why Train is off, in words for the button's tooltip and the line beside it: an empty
// network, errors on the canvas, or a network and dataset that cannot train together (the
// checker's warnings that training would fail on), or a dataset the host cannot load. Null
// when Train may start.
import type { CheckReport } from '../../engine/check/types.js';

export function trainBlock(report: CheckReport, empty: boolean, datasetError?: string, noDataset = false): string | null {
  if (empty) return 'The network is empty: add layers or open a template first.';
  if (noDataset) return 'This project names no dataset: choose one in the Data view (or an Input layer’s inspector) first.';
  if (datasetError) return `The dataset cannot be loaded: ${datasetError}`;
  const errors = report.errors.length;
  if (errors) return `Fix the ${errors === 1 ? 'error' : `${errors} errors`} on the canvas first: ${report.errors[0]!.message}`;
  const blocking = report.warnings.find((w) => w.blocksTraining);
  if (blocking) return `The network and the dataset cannot train together: ${blocking.message}`;
  return null;
}
