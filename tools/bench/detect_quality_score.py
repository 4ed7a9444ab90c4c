#!/usr/bin/python3
"""Scores a detection against a population's truth, and prints detect_quality.sh's tables.

usage: detect_quality_score.py TRUTH.csv CLUSTERS.csv [--json] [--label L --accounts N --seed S
                               --recipe RECIPE.csv --detect-seconds T --detect-mib M]
                               [--exclude ACCOUNTS.txt]
       detect_quality_score.py --table RESULTS.jsonl|-

TRUTH.csv is account,group,is_ring (what `ringctl gen` and ../shared/bench/population_b.py write);
CLUSTERS.csv is account,cluster_id,ring_score,flagged (`ringctl export clusters`, or
igraph_recipe.py's output).

Measures: account-level precision, recall and F1 of `flagged` against is_ring; rings found (a
ring is found when one flagged cluster holds >= 80% of its accounts and >= 80% of that cluster's
accounts are the ring's); and the flagged share of each honest group kind. A group's kind is its
name up to the first '-' (ringctl gen) or without its trailing '_<digits>' / '_co<digits>'
(population B). --json prints one JSON object per run (with the recipe scored too); --table
turns those lines into the tables detect_quality.sh prints. Standard library only.
"""
import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict


def group_kind(group):
    if "-" in group:
        return group.split("-", 1)[0]
    return re.sub(r"_(co)?\d+$", "", group)


def read_truth(path):
    truth = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            truth[row["account"]] = (row["group"], row["is_ring"] == "1")
    return truth


def score(truth, clusters_path):
    cluster_of, flagged = {}, set()
    with open(clusters_path, newline="") as f:
        for row in csv.DictReader(f):
            cluster_of[row["account"]] = row["cluster_id"]
            if row.get("flagged", "0") in ("1", "true"):
                flagged.add(row["account"])
    tp = sum(1 for a in flagged if a in truth and truth[a][1])
    fp = sum(1 for a in flagged if a in truth and not truth[a][1])
    fn = sum(1 for a, (_, ring) in truth.items() if ring and a not in flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    cluster_size = Counter(cluster_of.values())
    ring_size = Counter(g for g, ring in truth.values() if ring)
    ring_in_cluster = defaultdict(Counter)
    for a, (g, ring) in truth.items():
        if ring and a in flagged:
            ring_in_cluster[g][cluster_of[a]] += 1
    found = 0
    found_by_style, rings_by_style = Counter(), Counter()
    for g, size in ring_size.items():
        style = group_kind(g)
        rings_by_style[style] += 1
        for c, n in ring_in_cluster[g].items():
            if n >= 0.8 * size and n >= 0.8 * cluster_size[c]:
                found += 1
                found_by_style[style] += 1
                break
    honest, ring_kinds = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for a, (g, ring) in truth.items():
        k = (ring_kinds if ring else honest)[group_kind(g)]
        k[0] += a in flagged
        k[1] += 1
    return {
        "precision": precision, "recall": recall, "f1": f1,
        "rings": len(ring_size), "rings_found": found,
        "flagged_accounts": len(flagged), "tp": tp, "fp": fp, "fn": fn,
        "honest_flagged": {k: v[0] / v[1] for k, v in sorted(honest.items())},
        "honest_counts": {k: v for k, v in sorted(honest.items())},
        "ring_recall": {k: v[0] / v[1] for k, v in sorted(ring_kinds.items())},
        "rings_found_by_style": {k: [found_by_style[k], rings_by_style[k]] for k in sorted(rings_by_style)},
    }


def print_tables(lines):
    runs = [json.loads(line) for line in lines if line.strip()]
    header = ("| population | accounts | seed | precision | recall | F1 | rings found | "
              "worst honest kind flagged | igraph recipe F1 | detect s | peak MiB |")
    print(header)
    print("|" + "---|" * 11)
    for r in runs:
        worst = max(r["honest_flagged"].items(), key=lambda kv: kv[1], default=("-", 0))
        print("| %s | %s | %s | %.3f | %.3f | %.3f | %d/%d | %s %.2f%% | %s | %s | %s |" % (
            r.get("label", "-"), format(r.get("accounts", 0), ","), r.get("seed", "-"),
            r["precision"], r["recall"], r["f1"], r["rings_found"], r["rings"], worst[0],
            100 * worst[1], "%.3f" % r["recipe"]["f1"] if "recipe" in r else "-",
            "%.1f" % r["detect_seconds"] if "detect_seconds" in r else "-",
            r.get("detect_mib", "-")))
    if len(runs) > 1 or (runs and len(runs[0]["honest_flagged"]) > 0):
        print()
        print("Flagged share of each honest group kind (%), and ring recall by ring style:")
        for r in runs:
            print("  %s %s seed %s: %s | rings: %s" % (
                r.get("label", "-"), format(r.get("accounts", 0), ","), r.get("seed", "-"),
                ", ".join("%s %.2f" % (k, 100 * v) for k, v in r["honest_flagged"].items()),
                ", ".join("%s %.2f (found %d/%d)" % (k, v, *r["rings_found_by_style"][k])
                          for k, v in r["ring_recall"].items())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("truth", nargs="?")
    parser.add_argument("clusters", nargs="?")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--table", metavar="RESULTS")
    parser.add_argument("--label")
    parser.add_argument("--accounts", type=int)
    parser.add_argument("--seed")
    parser.add_argument("--recipe")
    parser.add_argument("--detect-seconds", type=float)
    parser.add_argument("--detect-mib", type=int)
    parser.add_argument("--exclude", metavar="ACCOUNTS",
                        help="a file of account names (one per line) left out of the scoring")
    args = parser.parse_args()
    if args.table:
        print_tables(sys.stdin if args.table == "-" else open(args.table))
        return
    if not args.truth or not args.clusters:
        parser.error("TRUTH.csv and CLUSTERS.csv are required (or --table)")
    truth = read_truth(args.truth)
    if args.exclude:
        with open(args.exclude) as f:
            for line in f:
                truth.pop(line.strip(), None)
    result = score(truth, args.clusters)
    if args.json:
        for key in ("label", "accounts", "seed", "detect_seconds", "detect_mib"):
            if getattr(args, key) is not None:
                result[key] = getattr(args, key)
        if args.recipe:
            result["recipe"] = score(truth, args.recipe)
        print(json.dumps(result))
        return
    print("precision %.3f recall %.3f F1 %.3f rings found %d/%d (flagged %d, fp %d)" % (
        result["precision"], result["recall"], result["f1"], result["rings_found"], result["rings"],
        result["flagged_accounts"], result["fp"]))
    print("  ring recall by style: " + ", ".join(
        "%s %.2f (found %d/%d)" % (k, v, *result["rings_found_by_style"][k])
        for k, v in result["ring_recall"].items()))
    print("  honest flagged: " + ", ".join(
        "%s %.2f%% (%d/%d)" % (k, 100 * v, *result["honest_counts"][k])
        for k, v in result["honest_flagged"].items()))


if __name__ == "__main__":
    main()
