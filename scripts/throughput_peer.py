"""The two workloads of `tstar bench throughput` in PyTorch on the CPU, for the peer comparison.

Same shapes, batch sizes, optimizer and loss as tstar's trials: BN + linear 512 -> 100 on 20,000 x 512 features
(batch 256, Adam 0.01) and the MNIST MLP 784 -> 128 ReLU -> BN -> 10 on 49,999 rows (batch 128, Adam 0.001), softmax
cross-entropy of the logits divided by T = 1, one epoch per timed trial after a warm-up epoch, batches in a fresh
random order each epoch. The data are Gaussian features of the same shapes (dense layers cost the same whatever the
values). Prints one CSV row per workload: framework, workload, threads, rows, width, classes, batch,
samples_per_second (median over the repeats).
"""
import argparse
import csv
import datetime
import os
import statistics
import time

WORKLOADS = {
    # name: (rows, width, hidden widths, classes, batch, learning rate)
    "bn-linear": (20000, 512, [], 100, 256, 0.01),
    "mnist-mlp": (49999, 784, [128], 10, 128, 0.001),
}


LABELS = {
    "bn-linear": "BN + linear 512 → 100, 20,000 × 512 features, batch 256",
    "mnist-mlp": "MNIST MLP 784 → 128 → BN → 10, 49,999 rows, batch 128",
}


def head(width, hidden, classes):
    import torch
    layers = []
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers += [torch.nn.BatchNorm1d(width), torch.nn.Linear(width, classes)]
    return torch.nn.Sequential(*layers)


def epoch(model, optimizer, x, y, batch, temperature):
    import torch
    order = torch.randperm(x.shape[0])
    start = time.perf_counter()
    for i in range(0, x.shape[0], batch):
        index = order[i:i + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x[index]) / temperature, y[index])
        loss.backward()
        optimizer.step()
    return x.shape[0] / (time.perf_counter() - start)


def summarize(folder, rounds, out):
    """Every round's rows into throughput-peer.csv, the medians over rounds and their ratio into throughput-peer.md."""
    rows = []
    chosen = None
    for r in range(1, rounds + 1):
        # tstar-R.csv: the build chosen at launch; tstar-other-R.csv: the other build, where this CPU can run it
        for name in ("tstar-%d.csv" % r, "tstar-other-%d.csv" % r):
            if not os.path.exists(os.path.join(folder, name)):
                continue
            with open(os.path.join(folder, name)) as f:
                for t in csv.DictReader(f):
                    if name.startswith("tstar-%d" % r):
                        chosen = t["nd4j_build"]
                    rows.append(["tstar", "dl4j-1.0.0-M2.1", t["nd4j_build"], t["workload"], r, float(t["samples_per_second"])])
        with open(os.path.join(folder, "torch-%d.csv" % r)) as f:
            for line in f:
                c = line.strip().split(",")
                rows.append(["pytorch", c[0].split("-", 1)[1], "openblas", c[1], r, float(c[7])])
    date = datetime.date.today().isoformat()
    with open(os.path.join(out, "throughput-peer.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["framework", "version", "build", "workload", "round", "samples_per_second", "omp_threads", "date"])
        for row in rows:
            w.writerow(row[:5] + ["%.4g" % row[5], 1, date])

    def median(framework, build, workload):
        speeds = [r[5] for r in rows if r[0] == framework and r[2] == build and r[3] == workload]
        return statistics.median(speeds) if speeds else None

    def cell(speed):
        return "—" if speed is None else "{:,.0f}".format(speed)

    md = ["One thread each, %d interleaved rounds (each the median of 3 timed trials after a warm-up: 3 epochs for tstar, "
          "1 for PyTorch, whose timing starts after the model is built), %s; made by `bash scripts/throughput-peer.sh`. "
          "tstar ran on the build it chose at launch (%s) and on ND4J's other build; the ratio is the chosen build's."
          % (rounds, date, chosen), "",
          "| workload | tstar generic samples/s | tstar avx2 samples/s | PyTorch samples/s | tstar / PyTorch |",
          "|---|---:|---:|---:|---:|"]
    for workload in WORKLOADS:
        theirs = median("pytorch", "openblas", workload)
        md.append("| %s | %s | %s | %s | %.2f |" % (LABELS[workload], cell(median("tstar", "generic", workload)),
                                                    cell(median("tstar", "avx2", workload)), cell(theirs),
                                                    median("tstar", chosen, workload) / theirs))
    with open(os.path.join(out, "throughput-peer.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--workloads", default="bn-linear,mnist-mlp")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--summarize", help="folder of the rounds' CSV files to summarize instead of measuring")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default="reports/benchmark")
    args = parser.parse_args()
    if args.summarize:
        summarize(args.summarize, args.rounds, args.out)
        return
    import torch
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
