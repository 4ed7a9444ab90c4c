#!/usr/bin/python3
"""Pairwise precision and recall of `ringctl templates` on a corpus whose families are known.

Reads JSON Lines with "text", "account" and "family" (an integer; -1 for a free text, which is a
family of its own), runs `ringctl templates` on the texts and accounts only, and scores the ids
as graph/templates/pairwise_score.h does: a pair of prompts is predicted when they share a
non-empty id, true when they come from one family. `--misses` lists each family whose prompts
were split between ids or left without one; `--joins` each id given to prompts of several
families, with the false pairs it makes.

usage: tools/bench/template_pairs.py CORPUS.jsonl [--ringctl PATH] [--work DIR] [--misses]
                                     [--joins]
       (template_families_b.py and template_families_c.py make such corpora)
Imported, score() does the same for rows already in memory.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile


def pair_counts(groups):
    return sum(n * (n - 1) // 2 for n in groups.values())


def score(ringctl, rows, work):
    """rows: [(text, account, family)]. Returns (precision, recall, predicted, true, ids)."""
    os.makedirs(work, exist_ok=True)
    corpus, ids_csv = os.path.join(work, "corpus.jsonl"), os.path.join(work, "ids.csv")
    with open(corpus, "w", encoding="utf-8") as out:
        for text, account, _ in rows:
            out.write(json.dumps({"text": text, "account": account}, ensure_ascii=False) + "\n")
    subprocess.run([ringctl, "templates", "--in", corpus, "--out", ids_csv], check=True,
                   stdout=subprocess.DEVNULL)
    ids = {}
    with open(ids_csv, newline="") as f:
        for row in csv.DictReader(f):
            ids[int(row["line"]) - 1] = row["template_id"]
    by_id, by_family, by_both = collections.Counter(), collections.Counter(), collections.Counter()
    for i, (_, _, family) in enumerate(rows):
        tid = ids.get(i, "")
        if family >= 0:
            by_family[family] += 1
        if tid:
            by_id[tid] += 1
            if family >= 0:
                by_both[(family, tid)] += 1
    predicted, true, both = pair_counts(by_id), pair_counts(by_family), pair_counts(by_both)
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    return precision, recall, predicted, true, ids


def print_misses(rows, ids, names):
    """names: {family: a short description}; prints the families not wholly under one id."""
    members = collections.defaultdict(list)
    for i, (_, _, family) in enumerate(rows):
        if family >= 0:
            members[family].append(ids.get(i, ""))
    for family in sorted(members):
        counts = collections.Counter(members[family])
        total = len(members[family])
        top = max((n for tid, n in counts.items() if tid), default=0)
        if top < total:
            print(f"  family {family:3d}  top id {top / total:.2f}  no id "
                  f"{counts.get('', 0) / total:.2f}  ids {len([t for t in counts if t])}  "
                  f"{names.get(family, '')}")


def print_joins(rows, ids):
    """Prints each id given to prompts of several families (free texts each count as a family of
    their own), with the false pairs it makes, most first: where precision is lost."""
    members = collections.defaultdict(collections.Counter)
    for i, (_, _, family) in enumerate(rows):
        tid = ids.get(i, "")
        if tid:
            members[tid][family] += 1
    joins = []
    for tid, counts in members.items():
        total = sum(counts.values())
        same = sum(n * (n - 1) // 2 for family, n in counts.items() if family >= 0)
        false_pairs = total * (total - 1) // 2 - same
        if false_pairs:
            joins.append((false_pairs, tid, counts))
    for false_pairs, tid, counts in sorted(joins, key=lambda j: (-j[0], j[1])):
        shown = "  ".join(f"{'free' if family < 0 else family}: {n}"
                          for family, n in counts.most_common())
        print(f"  id {tid}  false pairs {false_pairs}  {shown}")


def default_ringctl():
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    return os.environ.get("RINGCTL", os.path.join(root, "build", "tools", "ringctl"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="JSON Lines with text, account and family")
    parser.add_argument("--ringctl", default=default_ringctl())
    parser.add_argument("--work", default=None, help="keep the corpus and ids here")
    parser.add_argument("--misses", action="store_true",
                        help="print each family whose prompts were split or left without an id")
    parser.add_argument("--joins", action="store_true",
                        help="print each id given to several families (or free texts), with the "
                             "false pairs it makes")
    args = parser.parse_args()
    if not os.access(args.ringctl, os.X_OK):
        sys.exit(f"template_pairs.py: {args.ringctl} is not an executable; build first")
    rows = []
    try:
        with open(args.corpus, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                    rows.append((record["text"], str(record["account"]), int(record["family"])))
                except (ValueError, KeyError, TypeError) as e:
                    sys.exit(f"template_pairs.py: {args.corpus} line {number}: needs text, "
                             f"account and an integer family ({e.__class__.__name__}: {e})")
    except OSError as e:
        sys.exit(f"template_pairs.py: cannot read {args.corpus}: {e.strerror}")
    if not rows:
        sys.exit(f"template_pairs.py: {args.corpus} holds no prompts")
    work = args.work or tempfile.mkdtemp(prefix="template_pairs.")
    precision, recall, predicted, true, ids = score(args.ringctl, rows, work)
    families = len({family for _, _, family in rows if family >= 0})
    free = sum(1 for _, _, family in rows if family < 0)
    print(f"{os.path.basename(args.corpus)} ({families} families, {len(rows) - free} prompts, "
          f"{free} free texts): precision {precision:.4f} recall {recall:.4f} "
          f"({predicted} predicted, {true} true pairs)")
    if args.misses:
        print_misses(rows, ids, {})
    if args.joins:
        print_joins(rows, ids)


if __name__ == "__main__":
    main()
