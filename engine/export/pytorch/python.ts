// The Python helpers model.py carries: the weights loader and saver, TensorFlow.js's
// activations that torch spells differently, its recurrent layers (torch's nn.GRU resets after
// the matrix product, TensorFlow.js before, and both take other gate activations than torch's
// fixed sigmoid/tanh), and the command line (predict, train under torchrun).

export const HARD_SIGMOID = `def hard_sigmoid(x):
    """TensorFlow.js's hard sigmoid: clip(0.2·x + 0.5, 0, 1) (torch's hardsigmoid uses x/6)."""
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)`;

export const LINEAR = `def linear(x):
    return x`;

export const SOFTMAX = `def softmax(x):
    return torch.softmax(x, dim=-1)`;

export const RESIZE_BILINEAR = `def resize_bilinear(x, sh, sw):
    """TensorFlow.js's bilinear resize without half-pixel centres: source = destination / scale
    (torch's interpolate samples at half pixels). x is channels-first."""
    def axis(size, scale):
        src = torch.arange(size * scale, dtype=x.dtype) / scale
        lo = src.floor().long().clamp(max=size - 1)
        hi = (lo + 1).clamp(max=size - 1)
        return lo, hi, src - lo
    y0, y1, fy = axis(x.shape[2], sh)
    x0, x1, fx = axis(x.shape[3], sw)
    rows = x[:, :, y0] * (1 - fy)[:, None] + x[:, :, y1] * fy[:, None]
    return rows[..., x0] * (1 - fx) + rows[..., x1] * fx`;

export const RECURRENT = `class Recurrent(nn.Module):
    """A recurrent layer as TensorFlow.js runs it: the state starts at zero, the sequence is read
    from its end when go_backwards, and the output is the last state or (return_sequences) each
    state in the order read. Weights in torch's layout: weight_ih [gates·units, input_size],
    weight_hh [gates·units, units], bias [gates·units]. Dropout inside the cell is not applied."""
    gates = 1

    def __init__(self, input_size, units, activation, recurrent_activation=None, return_sequences=False, go_backwards=False, bias=True):
        super().__init__()
        self.units = units
        self.activation = activation
        self.recurrent_activation = recurrent_activation
        self.return_sequences = return_sequences
        self.go_backwards = go_backwards
        self.weight_ih = nn.Parameter(torch.zeros(self.gates * units, input_size))
        self.weight_hh = nn.Parameter(torch.zeros(self.gates * units, units))
        self.bias = nn.Parameter(torch.zeros(self.gates * units)) if bias else None

    def forward(self, x):
        batch, time, _ = x.shape
        h = x.new_zeros(batch, self.units)
        state = (h, h)
        # The input part of every step at once; the recurrent part step by step.
        xs = F.linear(x, self.weight_ih, self.bias)
        outputs = []
        for t in range(time - 1, -1, -1) if self.go_backwards else range(time):
            state = self.step(xs[:, t], state)
            outputs.append(state[0])
        return torch.stack(outputs, dim=1) if self.return_sequences else outputs[-1]`;

export const SIMPLE_RNN = `class SimpleRNN(Recurrent):
    """h = activation(x·W_ih + b + h·W_hh)"""
    gates = 1

    def step(self, x, state):
        h = self.activation(x + F.linear(state[0], self.weight_hh))
        return (h, h)`;

export const LSTM = `class LSTM(Recurrent):
    """Gates packed [input, forget, cell, output], the order of Keras and of torch's nn.LSTM."""
    gates = 4

    def step(self, x, state):
        h, c = state
        i, f, g, o = (x + F.linear(h, self.weight_hh)).chunk(4, dim=1)
        act, gate = self.activation, self.recurrent_activation
        c = gate(f) * c + gate(i) * act(g)
        return (gate(o) * act(c), c)`;

export const GRU = `class GRU(Recurrent):
    """Keras's GRU with reset_after=False (TensorFlow.js's only kind): gates packed [update z,
    reset r, candidate h] (torch's nn.GRU packs [r, z, n] and resets after the product)."""
    gates = 3

    def step(self, x, state):
        h = state[0]
        xz, xr, xh = x.chunk(3, dim=1)
        wz, wr, wh = self.weight_hh.chunk(3, dim=0)
        z = self.recurrent_activation(xz + F.linear(h, wz))
        r = self.recurrent_activation(xr + F.linear(h, wr))
        candidate = self.activation(xh + F.linear(r * h, wh))
        h = z * h + (1 - z) * candidate
        return (h, h)`;

export const WEIGHTS_IO = `def load_weights(model, path=WEIGHTS):
    """Fills the model from weights.npz: keys as in model.state_dict(), arrays in torch's layouts."""
    saved = np.load(path)
    state = model.state_dict()
    missing = [k for k in state if k not in saved.files and not k.endswith("num_batches_tracked")]
    unexpected = [k for k in saved.files if k not in state]
    if missing or unexpected:
        raise SystemExit(f"{path}: missing {missing}, unexpected {unexpected}")
    with torch.no_grad():
        for key in saved.files:
            value = torch.from_numpy(np.array(saved[key], dtype=np.float32, order="C"))
            if tuple(value.shape) != tuple(state[key].shape):
                raise SystemExit(f"{path}: {key} has shape {tuple(value.shape)}, the model wants {tuple(state[key].shape)}")
            state[key].copy_(value)
    return model


def save_weights(model, path=WEIGHTS):
    """Writes the weights back (the file is replaced at once, never half-written)."""
    arrays = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    tmp = path[:-4] + ".tmp.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def predict(x, batch_size=1024):
    """Raw inputs [n, *INPUT_SHAPE] (as LayerLab takes them) → the model's first output."""
    x = np.asarray(x, dtype=np.float32)
    if tuple(x.shape[1:]) != tuple(INPUT_SHAPE):
        raise SystemExit(f"inputs have shape {tuple(x.shape)}; the model takes [n, {', '.join(map(str, INPUT_SHAPE))}]")
    model = load_weights(Net()).eval()
    outputs = []
    with torch.no_grad():
        for start in range(0, len(x), batch_size):
            y = model(torch.from_numpy(np.ascontiguousarray(x[start:start + batch_size])))
            outputs.append((y[0] if isinstance(y, tuple) else y).numpy())
    return np.concatenate(outputs).astype(np.float32) if outputs else np.zeros((0,), np.float32)`;

export const TRAIN = `def loss_function(out, y):
    """The project's loss, on the model's outputs (probabilities where it ends in softmax/sigmoid, as in Keras)."""
    eps = 1e-7
    if LOSS == "categoricalCrossentropy":
        if y.dim() == 1 or (y.shape[-1] == 1 and out.shape[-1] > 1):
            y = F.one_hot(y.long().reshape(-1), out.shape[-1]).float()
        p = (out / out.sum(dim=-1, keepdim=True)).clamp(eps, 1 - eps)
        return -(y * p.log()).sum(dim=-1).mean()
    if LOSS == "sparseCategoricalCrossentropy":
        p = (out / out.sum(dim=-1, keepdim=True)).clamp(eps, 1 - eps)
        return F.nll_loss(p.log(), y.long().reshape(-1))
    y = y.float().reshape(out.shape)
    if LOSS == "binaryCrossentropy":
        p = out.clamp(eps, 1 - eps)
        return -(y * p.log() + (1 - y) * (1 - p).log()).mean()
    if LOSS == "meanSquaredError":
        return ((out - y) ** 2).mean()
    if LOSS == "meanAbsoluteError":
        return (out - y).abs().mean()
    if LOSS == "hinge":
        y = torch.where(y == 0, -torch.ones_like(y), y)  # Keras maps 0/1 labels to -1/1
        return torch.clamp(1 - y * out, min=0).mean()
    raise SystemExit(f"loss {LOSS} is not known here")


def train(args):
    """Continues training from weights.npz and writes the result back. Under torchrun
    (WORLD_SIZE set) each process takes its share of every epoch (DistributedSampler) and
    DistributedDataParallel averages the gradients; rank 0 writes the weights."""
    from torch.utils.data import DataLoader, TensorDataset
    distributed = "WORLD_SIZE" in os.environ
    rank = 0
    if distributed:
        import torch.distributed as dist
        from torch.nn.parallel import DistributedDataParallel
        from torch.utils.data.distributed import DistributedSampler
        dist.init_process_group("gloo")
        rank = dist.get_rank()
    torch.manual_seed(SEED)
    model = load_weights(Net())
    x = torch.from_numpy(np.ascontiguousarray(np.load(args.x), dtype=np.float32))
    y = torch.from_numpy(np.ascontiguousarray(np.load(args.y), dtype=np.float32))
    if len(x) != len(y):
        raise SystemExit(f"{args.x} has {len(x)} examples, {args.y} {len(y)}")
    data = TensorDataset(x, y)
    sampler = DistributedSampler(data, shuffle=True, seed=SEED) if distributed else None
    loader = DataLoader(data, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler)
    net = DistributedDataParallel(model) if distributed else model
    optimizer = make_optimizer(net.parameters())
    scheduler = make_scheduler(optimizer)
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        total = torch.zeros(2)
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_function(net(xb), yb)
            loss.backward()
            optimizer.step()
            if scheduler is not None and SCHEDULE_PER == "batch":
                scheduler.step()
            total += torch.tensor([loss.item() * len(xb), len(xb)])
        if scheduler is not None and SCHEDULE_PER == "epoch":
            scheduler.step()
        if distributed:
            dist.all_reduce(total)
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs}: loss {(total[0] / max(total[1], 1)).item():.6f}", flush=True)
    if rank == 0:
        save_weights(model)
        print(f"wrote {WEIGHTS}", flush=True)
    if distributed:
        dist.destroy_process_group()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("predict", help="write the model's outputs for the raw inputs in IN.npy to OUT.npy")
    p.add_argument("inputs", metavar="IN.npy")
    p.add_argument("outputs", metavar="OUT.npy")
    t = commands.add_parser("train", help="continue training on X.npy / Y.npy, writing weights.npz back")
    t.add_argument("--x", required=True, metavar="X.npy", help="raw inputs [n, *INPUT_SHAPE], float32")
    t.add_argument("--y", required=True, metavar="Y.npy", help="targets: class indices [n] or one-hot [n, classes], or values")
    t.add_argument("--epochs", type=int, default=EPOCHS)
    t.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = parser.parse_args(argv)
    if args.command == "predict":
        y = predict(np.load(args.inputs))
        np.save(args.outputs, y)
        print(f"wrote {len(y)} predictions of shape {list(y.shape[1:])} to {args.outputs}")
    else:
        train(args)


if __name__ == "__main__":
    main()`;
