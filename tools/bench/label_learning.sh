#!/usr/bin/env bash
# Does learning from analysts' labels improve detection? The protocol of the detection issue:
# label 20% of a population's groups (rings confirmed, honest groups benign), rerun detection,
# and score the other 80% with and without the labels.
#
# usage: tools/bench/label_learning.sh [--population b|c|d|gen] [--accounts N] [--seed S]
#                                      [--share 0.2] [--scratch DIR]
#
# Steps: generate the population (population B by default, 30k accounts), ingest, detect (the
# baseline); pick --share of the groups of two or more accounts with a fixed seed and write one
# label per account of theirs (`ringctl label --file`); detect again, which refits the score's
# weights on the labelled clusters and prints the fit; score both runs on the accounts of the
# groups that were NOT labelled. Prints both rows and the learned fit.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
ringctl="${RINGCTL:-$here/build/tools/ringctl}"
python=/usr/bin/python3
popb="${POPULATION_B:-$here/../shared/bench/population_b.py}"
population=b
accounts=30000
seed=4242
share=0.2
scratch=/tmp/ringgraph-bench/labels
while [ $# -gt 0 ]; do
  case "$1" in
    --population) population="$2"; shift ;;
    --accounts) accounts="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --share) share="$2"; shift ;;
    --scratch) scratch="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "label_learning.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$population" in
  b|c|d|gen) ;;
  *) echo "label_learning.sh: unknown population '$population' (b, c, d or gen)" >&2; exit 2 ;;
esac
pop="$scratch/pop_${population}_${accounts}_$seed"
work="$scratch/run"
mkdir -p "$pop"
if [ ! -f "$pop/truth.csv" ]; then
  if [ "$population" = gen ]; then
    "$ringctl" gen --accounts "$accounts" --rings $(( (accounts * 12 + 15000) / 30000 )) \
      --seed "$seed" --out "$pop" --quiet
  else
    script="$popb"
    [ "$population" = c ] && script="$here/tools/bench/population_c.py"
    [ "$population" = d ] && script="$here/tools/bench/population_d.py"
    "$python" "$script" "$pop" --accounts "$accounts" --rings $(( (accounts * 40 + 15000) / 30000 )) \
      --seed "$seed" >/dev/null
  fi
fi
rm -rf "$work"
mkdir -p "$work"
ctl() { "$ringctl" --data "$work/data" --secret-file "$work/secret" "$@"; }
ctl ingest --create-secret --quiet "$pop/signals.csv" >/dev/null
ctl detect --top 0 --quiet >/dev/null
ctl export clusters --out "$work/before.csv" >/dev/null

# Pick the labelled groups: every group of two or more accounts, shuffled with a fixed seed.
"$python" - "$pop/truth.csv" "$share" "$work/labels.jsonl" "$work/labelled_accounts.txt" <<'EOF'
import csv, json, random, sys
truth, share, labels_path, accounts_path = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
groups = {}
for row in csv.DictReader(open(truth)):
    groups.setdefault(row["group"], []).append((row["account"], row["is_ring"] == "1"))
eligible = sorted(g for g, members in groups.items() if len(members) >= 2)
random.Random(20261202).shuffle(eligible)
chosen = eligible[:round(share * len(eligible))]
with open(labels_path, "w") as labels, open(accounts_path, "w") as accounts:
    for g in chosen:
        for account, ring in groups[g]:
            labels.write(json.dumps({"account": account, "verdict": "ring" if ring else "benign",
                                     "note": "label_learning.sh"}) + "\n")
            accounts.write(account + "\n")
rings = sum(1 for g in chosen if groups[g][0][1])
print("labelled %d of %d groups (%d rings, %d honest), %d accounts" % (
    len(chosen), len(eligible), rings, len(chosen) - rings,
    sum(len(groups[g]) for g in chosen)), file=sys.stderr)
EOF
ctl label --file "$work/labels.jsonl" >/dev/null
ctl detect --top 0 | grep -E "^detect: learn" >&2 || true
ctl export clusters --out "$work/after.csv" >/dev/null
for run in before after; do
  "$python" "$here/tools/bench/detect_quality_score.py" "$pop/truth.csv" "$work/$run.csv" --json \
    --label "$population $run labels (the unlabelled 80%)" --accounts "$accounts" --seed "$seed" \
    --exclude "$work/labelled_accounts.txt"
done >"$work/results.jsonl"
"$python" "$here/tools/bench/detect_quality_score.py" --table "$work/results.jsonl"
