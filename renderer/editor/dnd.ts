// The drag payload from the palette to the canvas.
export const KIND_MIME = 'application/x-layerlab-kind';
/** Node size used to centre a dropped node under the pointer (matches .layer-node). */
export const NODE_SIZE = { width: 220, height: 84 };
/** The drag payload of a library block ("My blocks"): its id and file, as JSON. */
export const BLOCK_MIME = 'application/x-layerlab-block';
