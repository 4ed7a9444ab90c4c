#!/usr/bin/env bash
# Checks the deploy assets as their consumers would: promtool for the scrape config and alert
# rules, a JSON parser for the Grafana dashboard (every panel queries a ringgraph_ metric or up),
# ringd itself for the example config (see ringd_api_test), nats-server for the signal stream's
# three server configurations, and the alert rules' expressions
# against metric names ringd exports (service/service_metrics.h).
set -euo pipefail
src="$1"
promtool check rules "$src/deploy/prometheus/ringd_alerts.yml"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
cp "$src/deploy/prometheus/prometheus.yml" "$src/deploy/prometheus/ringd_alerts.yml" "$scratch/"
promtool check config "$scratch/prometheus.yml"
for rule in RingdDown RingdDetectionStale RingdIngestRejectsSpiking RingdMapNearlyFull RingdLookupLatencyHigh; do
  grep -q "alert: $rule\$" "$src/deploy/prometheus/ringd_alerts.yml" || { echo "missing alert $rule"; exit 1; }
done
# Every ringgraph_ metric the rules and the dashboard use is one ringd exports.
used=$(grep -oh 'ringgraph_[a-z_]*' "$src/deploy/prometheus/ringd_alerts.yml" "$src/deploy/grafana/ringd-dashboard.json" | sed 's/_bucket$//' | sort -u)
for m in $used; do
  grep -q "\"$m\"\|$m\b" "$src/service/service_metrics.cc" || { echo "alert or dashboard uses unknown metric $m"; exit 1; }
done
/usr/bin/python3 - "$src/deploy/grafana/ringd-dashboard.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["panels"], "no panels"
for p in d["panels"]:
    assert p["targets"], "panel %s has no query" % p["title"]
    for t in p["targets"]:
        assert "ringgraph_" in t["expr"] or "up{" in t["expr"], t["expr"]
print("dashboard: %d panels" % len(d["panels"]))
PY
grep -q "ProtectSystem=strict" "$src/deploy/systemd/ringd.service"
grep -q "ReadWritePaths=/var/lib/ringgraph" "$src/deploy/systemd/ringd.service"
grep -q "Restart=on-failure" "$src/deploy/systemd/ringd.service"
grep -q "^User=ringgraph" "$src/deploy/systemd/ringd.service"
grep -q "deploy/install-deps.sh" "$src/deploy/Dockerfile"
# The three NATS servers of the signal stream: nats-server itself checks each configuration.
for i in 1 2 3; do nats-server -t -c "$src/deploy/nats/nats-$i.conf"; done
grep -q "ExecStart=/usr/bin/nats-server -c /etc/ringgraph/nats-%i.conf" "$src/deploy/systemd/nats-server@.service"
echo "deploy assets: ok"
