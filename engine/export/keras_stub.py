"""Runs LayerLab's generated Keras scripts without TensorFlow (which cannot be installed here).

A stand-in `keras` module records every layer the script builds and how the layers are
wired; build_model(), compile_model() and make_callbacks() run for real Python, so a
NameError, a wrong wiring or bad syntax fails. load_data() runs too when numpy is present
and the dataset is generated (no download). Prints one JSON object per script.

usage: python3 keras_stub.py SCRIPT.py ...
"""
import ast
import json
import runpy
import sys
import types


class Tensor:
    def __init__(self, name):
        self.name = name


class Anything:
    """keras.optimizers.Adam(...), keras.callbacks.EarlyStopping(...), …: records the call."""

    def __init__(self, path, log):
        self._path, self._log = path, log

    def __getattr__(self, attr):
        return Anything(f"{self._path}.{attr}", self._log)

    def __call__(self, *args, **kwargs):
        self._log.append({"call": self._path, "kwargs": sorted(kwargs)})
        return Anything(f"{self._path}()", self._log)


def make_keras(log, weights):
    keras = types.ModuleType("keras")

    built = []

    class Layer:
        """A built layer: set_weights records what a run's weights file gives it."""

        def __init__(self, name):
            self.name = name
            built.append(self)

        def set_weights(self, arrays):
            weights[self.name] = [{"shape": list(a.shape), "sum": float(a.astype("float64").sum())} for a in arrays]

    class Layers:
        def __getattr__(self, cls):
            def construct(*args, **kwargs):
                layer = Layer(kwargs.get("name"))

                def apply(inputs):
                    ins = inputs if isinstance(inputs, list) else [inputs]
                    log.append({"layer": cls, "name": kwargs.get("name"), "inputs": [t.name for t in ins]})
                    return Tensor(kwargs.get("name"))

                return apply

            return construct

    def Input(shape, name=None):
        Layer(name)
        log.append({"layer": "Input", "name": name, "shape": list(shape), "inputs": []})
        return Tensor(name)

    class Model:
        def __init__(self, inputs, outputs, name=None):
            as_list = lambda v: v if isinstance(v, list) else [v]
            self.layers = list(built)
            log.append({"model": name, "inputs": [t.name for t in as_list(inputs)], "outputs": [t.name for t in as_list(outputs)]})

        def compile(self, optimizer, loss, metrics):
            log.append({"compile": loss, "metrics": len(metrics)})

    keras.layers = Layers()
    keras.Input = Input
    keras.Model = Model
    for sub in ("optimizers", "callbacks", "metrics", "regularizers", "utils", "datasets"):
        setattr(keras, sub, Anything(f"keras.{sub}", log))
    return keras


def run(path):
    source = open(path, encoding="utf-8").read()
    ast.parse(source, filename=path)
    log = []
    weights = {}
    sys.modules["keras"] = make_keras(log, weights)
    module = runpy.run_path(path, run_name="layerlab_stub")
    model = module["build_model"]()
    module["compile_model"](model)
    callbacks = module["make_callbacks"]()
    result = {"log": log, "callbacks": len(callbacks), "data": None}
    try:
        import numpy  # noqa: F401
    except ImportError:
        return result
    if "load_run_weights" in module:
        # A run's export: the weights file beside the script, and its scaling of a probe
        # (0, 1, 2, … as raw values, two examples).
        offset, divisor = module["load_run_weights"](model)
        result["weights"] = weights
        probe = numpy.arange(2 * offset.size * 2, dtype="float32").reshape(2, -1)
        result["scaled"] = module["scale"](probe, offset, divisor).ravel().tolist()
    if "keras.datasets" not in source and "data.npz" not in source:
        (x_train, y_train), (x_test, y_test) = module["load_data"]()
        result["data"] = [list(x_train.shape), list(y_train.shape), list(x_test.shape), list(y_test.shape)]
    return result


if __name__ == "__main__":
    print(json.dumps({p: run(p) for p in sys.argv[1:]}))
