#!/usr/bin/python3
"""End to end from Python: Debian's python3-thrift with code generated from the same IDL during
the build calls every method of a real ringd on loopback, and tools/python/ringgraph_client.py
fails over between two real ringd serving one store.

Usage (ctest runs it): python_client_test.py BINARY_DIR
"""
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

BINARY_DIR = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ.get("RINGGRAPH_BINARY_DIR", "build")
GEN_PY = os.path.join(BINARY_DIR, "thrift", "gen-py")
CLIENT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "python")
sys.path.insert(0, GEN_PY)
sys.path.insert(0, CLIENT_DIR)

from thrift.protocol import TBinaryProtocol  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402
from ringgraph_api import RingGraph  # noqa: E402
from ringgraph_api.ttypes import (DetectionState, ErrorCode, RingGraphError,  # noqa: E402
                                  Role, Signal)
from ringgraph_client import NoReplicaAnswered, connect  # noqa: E402

logging.getLogger("thrift").setLevel(logging.CRITICAL)  # each unreachable replica, expected here

RINGCTL = os.path.join(BINARY_DIR, "tools", "ringctl")
RINGD = os.path.join(BINARY_DIR, "service", "ringd")


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def start_ringd(args, port_file, log):
    """Starts ringd with `args` and returns (process, port) once it listens."""
    ringd = subprocess.Popen([RINGD] + args + ["--listen", "127.0.0.1:0", "--metrics", "off",
                                               "--detect-at", "off", "--port-file", port_file],
                             stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        if ringd.poll() is not None:
            log.flush()
            raise RuntimeError("ringd exited with %d: %s" % (ringd.returncode,
                                                           read_text(log.name)))
        try:
            return ringd, int(read_text(port_file).split()[0])
        except (OSError, ValueError, IndexError):
            time.sleep(0.05)
    ringd.kill()
    raise RuntimeError("ringd did not start; see " + log.name)


def read_text(path):
    with open(path) as f:
        return f.read()


def free_port():
    """A loopback port nobody listens on (bound and released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RingdFromPython(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="ringd_py_")
        d = cls.tmp.name
        run(RINGCTL, "gen", "--accounts", "2000", "--rings", "4", "--seed", "11", "--out", d + "/pop")
        with open(d + "/consortium.key", "w") as key:
            key.write("ab" * 32 + "\n")
        os.chmod(d + "/consortium.key", 0o600)
        share = "labs=" + d + "/consortium.key"
        run(RINGCTL, "--data", d + "/data", "--secret-file", d + "/secret", "--share-key", share,
            "ingest", "--create-secret", "--quiet", d + "/pop/signals.csv")
        run(RINGCTL, "--data", d + "/data", "detect", "--quiet")
        for client, role in (("py-reader", "read"), ("py-writer", "write")):
            run(RINGCTL, "token", "new", "--client", client, "--role", role,
                "--append", d + "/tokens", "--out", d + "/" + role + ".token")
        cls.tokens = {r: read_text(d + "/" + r + ".token").strip() for r in ("read", "write")}
        cls.log = open(d + "/ringd.log", "w")
        cls.ringd, cls.port = start_ringd(
            ["--data", d + "/data", "--secret-file", d + "/secret", "--tokens-file", d + "/tokens",
             "--share-key", share], d + "/port", cls.log)

    @classmethod
    def tearDownClass(cls):
        cls.ringd.send_signal(signal.SIGTERM)
        code = cls.ringd.wait(timeout=60)
        cls.log.close()
        cls.tmp.cleanup()
        assert code == 0, "ringd exited with %d" % code

    def connect(self, role=None):
        transport = TTransport.TFramedTransport(TSocket.TSocket("127.0.0.1", self.port))
        client = RingGraph.Client(TBinaryProtocol.TBinaryProtocol(transport))
        transport.open()
        self.addCleanup(transport.close)
        if role is not None:
            session = client.authenticate(self.tokens[role])
            self.assertEqual(session.role, Role.WRITE if role == "write" else Role.READ)
        return client

    def test_every_method(self):
        anonymous = self.connect()
        self.assertEqual(anonymous.version(), "0.1.0")
        self.assertTrue(anonymous.health().serving)
        with self.assertRaises(RingGraphError) as error:
            anonymous.getCluster("acct-000001")
        self.assertEqual(error.exception.code, ErrorCode.UNAUTHENTICATED)
        with self.assertRaises(RingGraphError) as error:
            anonymous.authenticate("not-a-token")
        self.assertEqual(error.exception.code, ErrorCode.UNAUTHENTICATED)

        reader = self.connect("read")
        rings = reader.topRings(5, 0.5)
        self.assertTrue(rings)
        ring = rings[0]
        detail = reader.getClusterDetail(ring.clusterId, 0, 1000)
        self.assertEqual(detail.clusterId, ring.clusterId)
        self.assertEqual(len(detail.members), detail.size)
        members = reader.getClusters(detail.members + ["nobody"])
        self.assertTrue(any(m.flagged for m in members[:-1]))
        self.assertFalse(members[-1].knownAccount)
        one = reader.getCluster(detail.members[0])
        self.assertEqual(one.clusterId, ring.clusterId)
        explanation = reader.explainCluster(ring.clusterId)
        self.assertTrue(explanation.factors)
        self.assertTrue(explanation.evidence)
        link = reader.explainLink(detail.members[0], detail.members[1])
        self.assertTrue(link.linked)
        with self.assertRaises(RingGraphError) as error:
            reader.explainCluster(10 ** 9)
        self.assertEqual(error.exception.code, ErrorCode.NOT_FOUND)
        with self.assertRaises(RingGraphError) as error:
            reader.label("cluster:%d" % ring.clusterId, "ring", "")
        self.assertEqual(error.exception.code, ErrorCode.PERMISSION_DENIED)
        self.assertEqual(reader.detectionStatus().state, DetectionState.IDLE)

        writer = self.connect("write")
        result = writer.ingest([Signal(account="py-new", kind="device", value="py-device-1"),
                                Signal(account="py-new", kind="nonsense", value="x")])
        self.assertEqual(result.acknowledged, 1)
        self.assertEqual([r.index for r in result.rejected], [1])
        self.assertTrue(reader.getCluster("py-new").knownAccount)
        writer.label("cluster:%d" % ring.clusterId, "ring", "from python")
        status = writer.runDetection()
        self.assertEqual(status.state, DetectionState.RUNNING)
        deadline = time.time() + 120
        while status.state == DetectionState.RUNNING and time.time() < deadline:
            time.sleep(0.1)
            status = reader.detectionStatus()
        self.assertEqual(status.state, DetectionState.SUCCEEDED, status.error)
        self.assertEqual(reader.getCluster(detail.members[0]).clusteringVersion, status.lastVersion)

        bundle = writer.exportIndicators("labs", 0.5, [], "Python Lab", "amber")
        self.assertIn('"type": "bundle"', bundle)
        imported = writer.importIndicators(bundle, "ourselves")
        self.assertGreaterEqual(imported.indicators, 1)
        self.assertEqual(imported.partner, "ourselves")
        with self.assertRaises(RingGraphError) as error:
            writer.importIndicators("{not json", "")
        self.assertEqual(error.exception.code, ErrorCode.INVALID_ARGUMENT)
        with self.assertRaises(RingGraphError) as error:
            reader.exportIndicators("labs", 0.5, [], "", "")
        self.assertEqual(error.exception.code, ErrorCode.PERMISSION_DENIED)


class FailoverFromPython(unittest.TestCase):
    """ringgraph_client.connect() over two real ringd serving one store, as replicas fed by one
    signal stream would serve the same data (tests/failover_test.cc does the same in C++)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="ringd_py_failover_")
        d = cls.dir = cls.tmp.name
        run(RINGCTL, "gen", "--accounts", "2000", "--rings", "2", "--seed", "4", "--out",
            d + "/pop")
        run(RINGCTL, "--data", d + "/data", "--secret-file", d + "/secret", "ingest",
            "--create-secret", "--quiet", d + "/pop/signals.csv")
        run(RINGCTL, "--data", d + "/data", "detect", "--quiet")
        run(RINGCTL, "token", "new", "--client", "py-reader", "--role", "read",
            "--append", d + "/tokens", "--out", d + "/read.token")
        # The second replica also knows a token the first one refuses.
        shutil.copyfile(d + "/tokens", d + "/tokens.second")
        os.chmod(d + "/tokens.second", 0o600)
        run(RINGCTL, "token", "new", "--client", "py-second-only", "--role", "read",
            "--append", d + "/tokens.second", "--out", d + "/second-only.token")
        cls.token = read_text(d + "/read.token").strip()
        cls.second_only_token = read_text(d + "/second-only.token").strip()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        d = self.dir
        self.ringd = {}  # "127.0.0.1:PORT" -> process
        for name, tokens in (("first", "/tokens"), ("second", "/tokens.second")):
            log = open("%s/%s.log" % (d, name), "w")
            self.addCleanup(log.close)
            if os.path.exists("%s/%s.port" % (d, name)):
                os.remove("%s/%s.port" % (d, name))
            process, port = start_ringd(["--data", d + "/data", "--secret-file", d + "/secret",
                                         "--tokens-file", d + tokens], "%s/%s.port" % (d, name),
                                        log)
            self.addCleanup(self.stop, process)
            self.ringd["127.0.0.1:%d" % port] = process
        self.first, self.second = list(self.ringd)
        self.replicas = self.first + "," + self.second

    @staticmethod
    def stop(process):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)

    def kill(self, replica):
        process = self.ringd[replica]
        process.send_signal(signal.SIGKILL)
        self.assertEqual(process.wait(timeout=30), -signal.SIGKILL)

    def test_a_lookup_loop_keeps_answering_when_its_replica_dies(self):
        failed, answered = 0, 0
        with connect(self.replicas, token=self.token, gen_py=GEN_PY) as api:
            self.assertEqual(api.replica, self.first)
            for i in range(200):
                if i == 50:
                    self.kill(api.replica)
                account = "acct-%06d" % i
                try:
                    membership = api.getCluster(account)
                except Exception:
                    failed += 1
                    continue
                if membership.account == account and membership.clusteringVersion == 1:
                    answered += 1
            self.assertEqual((failed, answered), (0, 200))
            self.assertEqual(api.replica, self.second)
            # ringd's own errors are not retried elsewhere.
            with self.assertRaises(RingGraphError) as error:
                api.explainCluster(10 ** 9)
            self.assertEqual(error.exception.code, ErrorCode.NOT_FOUND)
            self.assertEqual(api.replica, self.second)

    def test_a_dead_first_address_is_skipped(self):
        dead = "127.0.0.1:%d" % free_port()
        with connect(dead + "," + self.second, token=self.token, gen_py=GEN_PY) as api:
            self.assertEqual(api.replica, self.second)
            self.assertEqual(api.getCluster("acct-000001").account, "acct-000001")
        command = subprocess.run(
            [sys.executable, os.path.join(CLIENT_DIR, "ringgraph_client.py"), "--gen-py", GEN_PY,
             "--remote", dead + "," + self.first, "--token-file", self.dir + "/read.token",
             "membership", "acct-000002"], capture_output=True, text=True, timeout=60)
        self.assertEqual(command.returncode, 0, command.stderr)
        self.assertIn('"account": "acct-000002"', command.stdout)

    def test_no_replica_answering_names_them_all(self):
        self.kill(self.first)
        self.kill(self.second)
        with self.assertRaises(NoReplicaAnswered) as error:
            with connect(self.replicas, token=self.token, gen_py=GEN_PY):
                pass
        self.assertTrue(str(error.exception).startswith(
            "no replica of %s answered; the first: cannot reach ringd at %s: "
            % (self.replicas, self.first)), str(error.exception))
        command = subprocess.run(
            [sys.executable, os.path.join(CLIENT_DIR, "ringgraph_client.py"), "--gen-py", GEN_PY,
             "--remote", self.replicas, "health"], capture_output=True, text=True, timeout=60)
        self.assertEqual(command.returncode, 1)
        self.assertIn("no replica of %s answered" % self.replicas, command.stderr)

    def test_a_refused_token_stops_at_once(self):
        # Only the second replica knows this token: falling through to it would succeed.
        with self.assertRaises(RingGraphError) as error:
            with connect(self.replicas, token=self.second_only_token, gen_py=GEN_PY):
                pass
        self.assertEqual(error.exception.code, ErrorCode.UNAUTHENTICATED)
        # The token itself is good where it is known.
        with connect(self.second, token=self.second_only_token, gen_py=GEN_PY) as api:
            self.assertEqual(api.getCluster("acct-000003").account, "acct-000003")


if __name__ == "__main__":
    unittest.main(verbosity=2)
