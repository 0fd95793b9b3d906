// The error compile throws: the checker's first error on a graph, or a failure of
// TensorFlow.js while building a layer, naming the node at fault.
export class CompileError extends Error {
  constructor(
    message: string,
    /** The node the error is on; absent for whole-graph errors. */
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}
