#!/usr/bin/python3
"""A gateway written in Python publishes signal records to a real nats-server with JetStream, and
a real ringd --nats consumes them into its store: tools/python/ringgraph_gateway.py end to end,
with its bad input (malformed records, no server, no stream).

Usage (ctest runs it): python_gateway_test.py BINARY_DIR
"""
import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

BINARY_DIR = (sys.argv.pop(1) if len(sys.argv) > 1
              else os.environ.get("RINGGRAPH_BINARY_DIR", "build"))
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools", "python"))

import ringgraph_gateway as gateway  # noqa: E402

RINGCTL = os.path.join(BINARY_DIR, "tools", "ringctl")
RINGD = os.path.join(BINARY_DIR, "service", "ringd")
GATEWAY = os.path.join(HERE, "..", "tools", "python", "ringgraph_gateway.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def metric(port, series):
    """One series of ringd's /metrics; None when absent or unreachable."""
    try:
        body = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5).read()
    except OSError:
        return None
    for line in body.decode().splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    return None


class GatewayToRingd(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="gateway_py_")
        self.addCleanup(self.tmp.cleanup)
        d = self.dir = self.tmp.name
        self.nats_port = free_port()
        self.url = "nats://127.0.0.1:%d" % self.nats_port
        self.nats_log = open(d + "/nats.log", "w")
        self.addCleanup(self.nats_log.close)
        self.nats = subprocess.Popen(["nats-server", "-js", "-a", "127.0.0.1", "-p",
                                      str(self.nats_port), "-sd", d + "/js"],
                                     stdout=self.nats_log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop, self.nats)
        self.assertTrue(wait_for(lambda: self.listening(self.nats_port), 20), "nats-server")

    @staticmethod
    def stop(process):
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

    @staticmethod
    def listening(port):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return True
        except OSError:
            return False

    def start_ringd(self):
        """ringd --nats on an empty store, which creates the signal stream; its metrics port."""
        d = self.dir
        empty = d + "/empty.csv"
        with open(empty, "w") as f:
            f.write("account,kind,value,ts\n")
        subprocess.run([RINGCTL, "--data", d + "/data", "--secret-file", d + "/secret", "ingest",
                        "--create-secret", "--quiet", empty], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([RINGCTL, "token", "new", "--client", "gw-test", "--role", "read",
                        "--append", d + "/tokens", "--out", d + "/read.token"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log = open(d + "/ringd.log", "w")
        self.addCleanup(log.close)
        ringd = subprocess.Popen(
            [RINGD, "--data", d + "/data", "--secret-file", d + "/secret", "--tokens-file",
             d + "/tokens", "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0", "--detect-at",
             "off", "--nats", self.url, "--nats-consumer", "gateway-test", "--port-file",
             d + "/port"], stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop, ringd)

        def ports():
            try:
                with open(d + "/port") as f:
                    return [int(p) for p in f.read().split()]
            except (OSError, ValueError):
                return []
        self.assertTrue(wait_for(lambda: len(ports()) >= 2, 30), "ringd did not start")
        metrics_port = ports()[1]
        self.assertTrue(wait_for(lambda: metric(metrics_port, "ringgraph_stream_connected") == 1,
                                 30), "ringd did not reach NATS")
        return metrics_port

    def population_jsonl(self):
        """A generated population's records as JSON Lines; returns (path, records)."""
        d = self.dir
        subprocess.run([RINGCTL, "gen", "--accounts", "300", "--rings", "1", "--seed", "3",
                        "--quiet", "--out", d + "/pop"], check=True, stdout=subprocess.DEVNULL)
        count = 0
        with open(d + "/pop/signals.csv", newline="") as src, open(d + "/pop.jsonl", "w") as out:
            for row in csv.DictReader(src):
                out.write(json.dumps({k: row[k] for k in gateway.FIELDS}) + "\n")
                count += 1
        return d + "/pop.jsonl", count

    def test_published_records_reach_ringd_exactly_once(self):
        metrics_port = self.start_ringd()
        path, records = self.population_jsonl()
        with open(path) as f:
            lines = f.readlines()
        # A malformed record in the middle is reported by line and the rest still go.
        lines.insert(10, '{"account": "x", "kind": "ip"}\n')
        with open(path, "w") as f:
            f.writelines(lines)
        done = subprocess.run(["/usr/bin/python3", GATEWAY, "--nats",
                               "nats://127.0.0.1:%d,%s" % (free_port(), self.url), path],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 3, done.stderr)
        self.assertIn("pop.jsonl:11: field 'value' is missing", done.stderr)
        self.assertIn("%d records stored by stream RINGGRAPH_SIGNALS" % records, done.stdout)
        committed = 'ringgraph_stream_records_total{outcome="committed"}'
        self.assertTrue(wait_for(lambda: metric(metrics_port, committed) == records, 120),
                        "ringd committed %s of %d" % (metric(metrics_port, committed), records))
        self.assertEqual(metric(metrics_port, "ringgraph_stream_lag_records"), 0)
        # The store holds what ringctl ingest of the same file would: every record once.
        stats = subprocess.run([RINGCTL, "--data", self.dir + "/data", "stats"],
                               capture_output=True, text=True, check=True).stdout
        self.assertRegex(stats, r"records\s+%d ingested" % records)
        self.assertRegex(stats, r"accounts\s+300\b")

    def test_the_module_waits_for_every_acknowledgement(self):
        self.start_ringd()
        with gateway.SignalGateway(self.url, window=4) as gw:
            for i in range(25):
                gw.publish({"account": "acct-%d" % i, "kind": "ip", "value": "198.51.100.%d" % i,
                            "ts": "2026-12-03T10:00:00Z"})
            with self.assertRaises(ValueError):
                gw.publish({"account": "acct-x", "kind": "ip", "value": "", "ts": "1"})
            gw.flush()
            self.assertEqual(gw.published, 25)
            info = gw._request("$JS.API.STREAM.INFO.RINGGRAPH_SIGNALS", b"")
            self.assertEqual(info["state"]["messages"], 25)

    def test_no_stream_and_no_server_are_clear_errors(self):
        # The server answers, but nothing created the stream: publishing would wait forever.
        with self.assertRaisesRegex(gateway.GatewayError, "stream RINGGRAPH_SIGNALS: .*not found"):
            gateway.SignalGateway(self.url)
        nowhere = "nats://127.0.0.1:%d" % free_port()
        done = subprocess.run(["/usr/bin/python3", GATEWAY, "--nats", nowhere, "-"], input="",
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertTrue(re.search(r"no NATS server of .* answered", done.stderr), done.stderr)


if __name__ == "__main__":
    unittest.main()
