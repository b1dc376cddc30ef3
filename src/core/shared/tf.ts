/**
 * The one place the core imports TensorFlow.js from. The umbrella package
 * registers every op's gradient, in Node (CJS build) and in the bundle alike.
 */
export * from '@tensorflow/tfjs';
