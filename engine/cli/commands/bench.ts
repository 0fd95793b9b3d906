// `layerlab bench`: images per second of the lecture's MNIST networks per backend, optionally
// against PyTorch taking turns with ours. The work lives in engine/bench/.
export { command } from '../../bench/command.js';
