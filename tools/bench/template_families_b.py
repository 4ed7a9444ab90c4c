#!/usr/bin/python3
"""Pairwise precision and recall of `ringctl templates` on population B's prompt families.

Population B (../shared/bench/population_b.py) was written independently of the project, and its
prompt templates were not used to write or tune the template miner: a held-out set. This takes
its template lists and its filling function as they are, makes `--per-family` prompts of each
family (spread over `--accounts-per-family` accounts) and `--free-texts` free texts (each its
own account), shuffles them, runs `ringctl templates` on them and scores the ids: a pair is
predicted when two prompts share a non-empty id, true when they come from one family (a free
text is a family of its own), as graph/templates/pairwise_score.h does (template_pairs.py).

usage: tools/bench/template_families_b.py [--ringctl PATH] [--population-b PATH] [--seed S]
                                          [--per-family N] [--free-texts N] [--work DIR] [--misses]
"""
import argparse
import importlib.util
import os
import random
import sys
import tempfile

import template_pairs  # beside this script


def load_population_b(path):
    spec = importlib.util.spec_from_file_location("population_b", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def families_of(pb):
    named = [("ring", t) for t in pb.RING_T] + [("public_jailbreak", pb.PUBLIC_JB)]
    for kind, templates in (("bench", pb.BENCH_T), ("company", pb.COMPANY_T),
                            ("hackathon", pb.HACK_T), ("class", pb.CLASS_T),
                            ("popular", pb.POPULAR)):
        named += [(kind, t) for t in templates]
    return named


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ringctl", default=template_pairs.default_ringctl())
    parser.add_argument("--population-b", default=os.environ.get(
        "POPULATION_B", os.path.join(root, "..", "shared", "bench", "population_b.py")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-family", type=int, default=40)
    parser.add_argument("--accounts-per-family", type=int, default=10)
    parser.add_argument("--free-texts", type=int, default=1000)
    parser.add_argument("--work", default=None, help="keep the corpus and ids here")
    parser.add_argument("--misses", action="store_true",
                        help="print each family whose prompts were split or left without an id")
    args = parser.parse_args()
    if not os.path.isfile(args.population_b):
        sys.exit(f"template_families_b.py: {args.population_b} not found; set --population-b")
    if not os.access(args.ringctl, os.X_OK):
        sys.exit(f"template_families_b.py: {args.ringctl} is not an executable; build first")

    pb = load_population_b(args.population_b)
    families = families_of(pb)
    r = random.Random(args.seed)
    rows = []  # (text, account, family; -1 for free text)
    for f, (_, template) in enumerate(families):
        for k in range(args.per_family):
            rows.append((pb.fill(r, template), f"f{f}a{k % args.accounts_per_family}", f))
    for k in range(args.free_texts):
        rows.append((pb.zipf_text(r, r.randint(4, 50), 0.05 if r.random() < 0.1 else 0.0),
                     f"free{k}", -1))
    r.shuffle(rows)

    work = args.work or tempfile.mkdtemp(prefix="template_families_b.")
    precision, recall, predicted, true, ids = template_pairs.score(args.ringctl, rows, work)
    print(f"population B families ({len(families)} x {args.per_family}, {args.free_texts} free "
          f"texts, seed {args.seed}): precision {precision:.4f} recall {recall:.4f} "
          f"({predicted} predicted, {true} true pairs)")
    if args.misses:
        template_pairs.print_misses(
            rows, ids, {f: f"{kind:16s} {template[:60]!r}" for f, (kind, template) in
                        enumerate(families)})

if __name__ == "__main__":
    main()
