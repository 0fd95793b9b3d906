// Adadelta as Keras and the paper (Zeiler 2012) define it. tfjs-core 4.22's AdadeltaOptimizer
// divides by the *previous* gradient accumulator, so its first step is the raw gradient
// times the learning rate and it then oscillates instead of converging.
import * as tf from '@tensorflow/tfjs-core';

type NamedTensor = { name: string; tensor: tf.Tensor };

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

export class KerasAdadelta extends tf.AdadeltaOptimizer {
  // The parent's private slot lists, reused so its getWeights/setWeights/dispose still work.
  private get slots(): { accumulatedGrads: Slot[]; accumulatedUpdates: Slot[] } {
    return this as unknown as { accumulatedGrads: Slot[]; accumulatedUpdates: Slot[] };
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const s = this.slots;
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name]!;
      s.accumulatedGrads[i] ??= { originalName: `${name}/accum_grad`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      s.accumulatedUpdates[i] ??= { originalName: `${name}/accum_var`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      const gradient = Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name];
      if (gradient == null) return;
      const accGrad = s.accumulatedGrads[i]!.variable;
      const accUpdate = s.accumulatedUpdates[i]!.variable;
      tf.tidy(() => {
        const newAccGrad = tf.add(tf.mul(accGrad, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
        const update = tf.mul(tf.div(tf.sqrt(tf.add(accUpdate, this.epsilon)), tf.sqrt(tf.add(newAccGrad, this.epsilon))), gradient);
        accUpdate.assign(tf.add(tf.mul(accUpdate, this.rho), tf.mul(tf.square(update), 1 - this.rho)));
        accGrad.assign(newAccGrad);
        value.assign(tf.add(tf.mul(update, -this.learningRate), value));
      });
    });
    this.incrementIterations();
  }
}
