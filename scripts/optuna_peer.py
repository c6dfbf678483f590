"""Optuna, the search a user would run instead, replayed on a tstar suite's recorded grid curves at the epochs the
seeded successive halving spent on each task.

Each Optuna trial suggests T log-uniformly in the space's range and reads the learning curve of the nearest grid
temperature (as `tstar bench fidelity` replays tstar's own halving), reporting validation accuracy epoch by epoch
to its pruner; the study stops once it has trained the seeded search's epochs (a trial that would pass the budget
is cut there, as pruned). Its pick is the completed trial with the best final validation accuracy (if none
completed, the best last value); its gap is the grid pick's test accuracy minus the pick's, in points. Four
variants, 30 Optuna seeds each: TPE with the Hyperband pruner, TPE with the successive-halving pruner, the same
two with T̂* (the paper's estimate, the seeded search's start) enqueued first. Pruners use tstar's rungs: η 2 and a
first rung at a quarter of the recipe. Writes peer.csv (per task, variant, seed) and peer.md beside the suite.
"""
import argparse
import bisect
import csv
import math
import os
import statistics
import sys

import optuna
import yaml

SEEDS = 30


def load_task(folder):
    with open(os.path.join(folder, "space.yaml")) as f:
        space = yaml.safe_load(f)
    tests = {}
    with open(os.path.join(folder, "trials.csv")) as f:
        for r in csv.DictReader(f):
            if r["strategy"] == "grid" and r["status"] == "completed":
                tests[float(r["temperature"])] = (float(r["val_accuracy"]), float(r["test_accuracy"]))
    curves = {}
    with open(os.path.join(folder, "curves.csv")) as f:
        for r in csv.DictReader(f):
            if r["strategy"] == "grid":
                curves.setdefault(float(r["temperature"]), {})[int(r["epoch"])] = float(r["val_accuracy"])
    temperatures = sorted(t for t in tests if t in curves)
    return space, temperatures, curves, tests


def replay(space, temperatures, curves, tests, budget, variant, seed, t_hat):
    epochs = int(space["training"]["epochs"])
    low, high = float(space["temperature"]["min"]), float(space["temperature"]["max"])
    first = max(1, epochs // 4)
    logs = [math.log(t) for t in temperatures]

    def nearest(t):
        i = bisect.bisect_left(logs, math.log(t))
        near = [j for j in (i - 1, i) if 0 <= j < len(logs)]
        return temperatures[min(near, key=lambda j: abs(logs[j] - math.log(t)))]

    if variant.startswith("hyperband"):
        pruner = optuna.pruners.HyperbandPruner(min_resource=first, max_resource=epochs, reduction_factor=2)
    else:
        pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=first, reduction_factor=2)
    # a fixed name: Hyperband assigns brackets by hashing the study name with the trial number
    study = optuna.create_study(study_name="peer-%s-%d" % (variant, seed), direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=seed), pruner=pruner)
    if variant.endswith("+seed"):
        study.enqueue_trial({"T": min(high, max(low, t_hat))})
    spent = 0
    looks = {}

    def objective(trial):
        nonlocal spent
        t = nearest(trial.suggest_float("T", low, high, log=True))
        looks[trial.number] = t
        curve = curves[t]
        for e in range(1, epochs + 1):
            if spent >= budget:
                raise optuna.TrialPruned()
            spent += 1
            trial.report(curve[e], e)
            if e < epochs and trial.should_prune():
                raise optuna.TrialPruned()
        return curve[epochs]

    while spent < budget:
        study.optimize(objective, n_trials=1)
    done = [tr for tr in study.trials if tr.state == optuna.trial.TrialState.COMPLETE]
    if done:
        pick = looks[max(done, key=lambda tr: tr.value).number]
    else:
        pick = looks[max(study.trials, key=lambda tr: tr.intermediate_values[max(tr.intermediate_values)]
                         if tr.intermediate_values else -1).number]
    return pick, len(study.trials), spent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("suite", help="a suite report folder (tasks.csv and one folder per task with curves.csv)")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with open(os.path.join(args.suite, "tasks.csv")) as f:
        tasks = list(csv.DictReader(f))
    variants = ["hyperband", "sh", "hyperband+seed", "sh+seed"]
    rows, per_task = [], {v: [] for v in variants}
    seeded, names, replayed = [], [], []
    halving = {}
    replay_file = os.path.join(args.suite, "halving-replay.csv")
    if os.path.exists(replay_file):
        with open(replay_file) as f:
            for r in csv.DictReader(f):
                if r.get("ranking", "score") == "score" and float(r["eta"]) == 2:
                    halving.setdefault(r["task"], {})[int(r["min_epochs"])] = float(r["gap_pp"])
    for task in tasks:
        folder = os.path.join(args.suite, "%s-seed%s" % (task["task"], task["seed"]))
        if not task.get("analytical_sh_epochs") or not os.path.exists(os.path.join(folder, "curves.csv")):
            continue
        space, temperatures, curves, tests = load_task(folder)
        if not temperatures:
            continue
        budget = int(float(task["analytical_sh_epochs"]))
        grid_test = float(task["grid_test_accuracy"])
        names.append(os.path.basename(folder))
        seeded.append(float(task["analytical_sh_gap_pp"]))
        quarter = max(1, int(space["training"]["epochs"]) // 4)
        if quarter in halving.get(names[-1], {}):
            replayed.append(halving[names[-1]][quarter])
        for v in variants:
            gaps = []
            for seed in range(SEEDS):
                pick, trials, spent = replay(space, temperatures, curves, tests, budget, v, seed,
                                             float(task["t_hat_paper"]))
                gap = 100 * (grid_test - tests[pick][1])
                gaps.append(gap)
                rows.append([os.path.basename(folder), v, seed, budget, spent, trials, "%.6g" % pick, "%.4f" % gap])
            per_task[v].append(statistics.median(gaps))
        print("%s: budget %d epochs, seeded halving %+.2f pp, Optuna medians %s" % (names[-1], budget, seeded[-1],
              ", ".join("%s %+.2f" % (v, per_task[v][-1]) for v in variants)), file=sys.stderr)
    with open(os.path.join(args.suite, "peer.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["task", "variant", "optuna_seed", "budget_epochs", "epochs", "trials", "picked_t", "gap_pp"])
        w.writerows(rows)

    def line(label, gaps):
        return "| %s | %+.2f | %+.2f | %d of %d |" % (label, statistics.median(gaps), max(gaps),
                                                     sum(1 for g in gaps if g <= 0.2), len(gaps))
    labels = {"hyperband": "Optuna TPE + HyperbandPruner", "sh": "Optuna TPE + SuccessiveHalvingPruner",
              "hyperband+seed": "Optuna TPE + HyperbandPruner, T̂* enqueued first",
              "sh+seed": "Optuna TPE + SuccessiveHalvingPruner, T̂* enqueued first"}
    md = ["# Optuna at equal epochs, replayed on the recorded grid curves", "",
          "Optuna %s, %d seeds per variant (each task's gap is the median over the seeds), every task at the epochs "
          "tstar's seeded successive halving spent on it; pruners at η 2 from a quarter of the recipe. Gap: grid "
          "pick − pick in test accuracy (pp). Per task, variant and seed in `peer.csv`. Made by "
          "`bash scripts/optuna-peer.sh %s`." % (optuna.__version__, SEEDS, args.suite), "",
          "| search | median gap (pp) | worst gap (pp) | runs within 0.2 pp |", "|---|---:|---:|---:|",
          line("tstar analytical-sh (its own run, tasks.csv)", seeded)]
    if len(replayed) == len(seeded):
        md.append(line("tstar analytical-sh replayed on the same curves (halving-replay.csv, defaults)", replayed))
    md += [line(labels[v], per_task[v]) for v in variants]
    with open(os.path.join(args.suite, "peer.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
