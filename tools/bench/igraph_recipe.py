#!/usr/bin/python3
"""The analyst's afternoon: the baseline detect_quality.sh prints beside ringgraph.

usage: igraph_recipe.py SIGNALS.csv OUT_CLUSTERS.csv [--cap 20] [--min-size 5] [--seed 1]

A plain recipe with python-igraph, as a fraud analyst would write it without ringgraph: link two
accounts for every exact payment, IP or device value they share, ignoring values held by more
than --cap accounts (a Senzing-style generic cut-off); weight a link by the number of values
shared; run igraph's Leiden with the modularity objective; flag every cluster of at least
--min-size accounts. Prompts are ignored (templates need a fingerprint the recipe does not have).

Writes OUT_CLUSTERS.csv in the format of `ringctl export clusters`
(account,cluster_id,ring_score,flagged) for every account in a cluster of two or more, so
detect_quality_score.py scores both the same way. Needs Debian's python3-igraph.
"""
import argparse
import collections
import csv
import itertools
import sys
import time

import igraph


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("signals")
    parser.add_argument("out")
    parser.add_argument("--cap", type=int, default=20)
    parser.add_argument("--min-size", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.time()
    csv.field_size_limit(1 << 30)
    account_ids = {}
    holders = collections.defaultdict(set)
    with open(args.signals, newline="") as f:
        for row in csv.DictReader(f):
            kind = row["kind"]
            if kind not in ("payment", "ip", "device"):
                account_ids.setdefault(row["account"], len(account_ids))
                continue
            a = account_ids.setdefault(row["account"], len(account_ids))
            holders[(kind, row["value"])].add(a)
    weights = collections.Counter()
    for members in holders.values():
        if 2 <= len(members) <= args.cap:
            for a, b in itertools.combinations(sorted(members), 2):
                weights[(a, b)] += 1
    del holders
    graph = igraph.Graph(n=len(account_ids), edges=list(weights.keys()))
    graph.es["weight"] = list(weights.values())
    del weights
    igraph.set_random_number_generator(__import__("random").Random(args.seed))
    clusters = graph.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    membership = clusters.membership
    sizes = collections.Counter(membership)
    names = [None] * len(account_ids)
    for name, i in account_ids.items():
        names[i] = name
    with open(args.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["account", "cluster_id", "ring_score", "flagged"])
        for i, c in enumerate(membership):
            if sizes[c] < 2:
                continue
            flagged = sizes[c] >= args.min_size
            out.writerow([names[i], c + 1, "1" if flagged else "0", 1 if flagged else 0])
    print("igraph recipe: %d accounts, %d links, %d clusters of %d+ flagged, %.1f s" % (
        len(names), graph.ecount(), sum(1 for s in sizes.values() if s >= args.min_size),
        args.min_size, time.time() - start), file=sys.stderr)


if __name__ == "__main__":
    main()
