// The layout lives in the engine (the importer lays out the graphs it builds, too); the
// canvas uses it from here.
export { LAYOUT_GAP, NODE_FOOTPRINT, layeredLayout, overlaps, withLayout } from '../../engine/project/layout.js';
