// How long check() takes on graphs of the sizes the canvas meets (run with
// `npx vitest bench engine/check --run`). The canvas checks on every edit, so a
// 1,000-node graph must take a few milliseconds.
import { bench, describe } from 'vitest';
import { check } from './check.js';
import { chain, residual } from './fixtures.js';

const chain100 = chain(100);
const chain1k = chain(1000);
const chain10k = chain(10_000);
const branched1k = residual(333);
const broken1k = chain(1000);
// A misspelt kind half-way: the second half is behind an error.
broken1k.graph.nodes[500]!.kind = 'Dence';

describe('check()', () => {
  bench('chain of 100 nodes', () => void check(chain100));
  bench('chain of 1,000 nodes', () => void check(chain1k));
  bench('chain of 10,000 nodes', () => void check(chain10k), { iterations: 20 });
  bench('residual graph of 1,000 nodes (333 Add merges)', () => void check(branched1k));
  bench('chain of 1,000 nodes with an error at node 500', () => void check(broken1k));
});
