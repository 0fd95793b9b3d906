// The layout lives in the engine (the importer lays out the graphs it builds, too); the
// canvas uses it from here.
export {
  COLUMN_GAP,
  DEFAULT_NODE_SIZE,
  LAYOUT_GAP,
  NODE_FOOTPRINT,
  ROW_GAP,
  balancedStarts,
  columnLayout,
  fitLayout,
  layeredLayout,
  layoutBounds,
  overlaps,
  withLayout,
  type Bounds,
  type Size,
} from '../../engine/project/layout.js';
