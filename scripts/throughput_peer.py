"""The two workloads of `tstar bench throughput` in PyTorch on the CPU, for the peer comparison.

Same shapes, batch sizes, optimizer and loss as tstar's trials: BN + linear 512 -> 100 on 20,000 x 512 features
(batch 256, Adam 0.01) and the MNIST MLP 784 -> 128 ReLU -> BN -> 10 on 49,999 rows (batch 128, Adam 0.001), softmax
cross-entropy of the logits divided by T = 1, one epoch per timed trial after a warm-up epoch, batches in a fresh
random order each epoch. The data are Gaussian features of the same shapes (dense layers cost the same whatever the
values). Prints one CSV row per workload: framework, workload, threads, rows, width, classes, batch,
samples_per_second (median over the repeats).
"""
import argparse
import statistics
import time

import torch

WORKLOADS = {
    # name: (rows, width, hidden widths, classes, batch, learning rate)
    "bn-linear": (20000, 512, [], 100, 256, 0.01),
    "mnist-mlp": (49999, 784, [128], 10, 128, 0.001),
}


def head(width, hidden, classes):
    layers = []
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers += [torch.nn.BatchNorm1d(width), torch.nn.Linear(width, classes)]
    return torch.nn.Sequential(*layers)


def epoch(model, optimizer, x, y, batch, temperature):
    order = torch.randperm(x.shape[0])
    start = time.perf_counter()
    for i in range(0, x.shape[0], batch):
        index = order[i:i + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x[index]) / temperature, y[index])
        loss.backward()
        optimizer.step()
    return x.shape[0] / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--workloads", default="bn-linear,mnist-mlp")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    for name in args.workloads.split(","):
        rows, width, hidden, classes, batch, rate = WORKLOADS[name]
        x = torch.randn(rows, width)
        y = torch.randint(0, classes, (rows,))
        model = head(width, hidden, classes)
        optimizer = torch.optim.Adam(model.parameters(), lr=rate)
        epoch(model, optimizer, x, y, batch, 1.0)
        speeds = [epoch(model, optimizer, x, y, batch, 1.0) for _ in range(args.repeats)]
        print("pytorch-%s,%s,%d,%d,%d,%d,%d,%.4g" % (torch.__version__, name, args.threads, rows, width, classes, batch,
                                                    statistics.median(speeds)), flush=True)


if __name__ == "__main__":
    main()
