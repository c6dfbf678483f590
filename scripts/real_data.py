"""Writes the labelled sets Debian's python3-sklearn bundles (BSD-3; the data are UCI's) as CSV for tstar, the class
in the column 'label'. Called by scripts/fetch-data.sh real with /usr/bin/python3; argument: the folder to write."""
import csv, os, sys
from sklearn import datasets
out = sys.argv[1]
for name, loader in (("iris", datasets.load_iris), ("wine", datasets.load_wine), ("breast-cancer", datasets.load_breast_cancer)):
    d = loader()
    cols = ["f%d" % (j + 1) for j in range(d.data.shape[1])]
    part = f"{out}/{name}.csv.part"
    with open(part, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols + ["label"])
        for row, y in zip(d.data, d.target):
            w.writerow([repr(float(v)) for v in row] + [d.target_names[y]])
    os.replace(part, f"{out}/{name}.csv")
    print(name, d.data.shape[0], "rows,", d.data.shape[1], "features,", len(d.target_names), "classes")
