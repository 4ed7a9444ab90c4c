#!/usr/bin/python3
"""End to end from Python: Debian's python3-thrift with code generated from the same IDL during
the build calls every method of a real ringd on loopback.

Usage (ctest runs it): python_client_test.py BINARY_DIR
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

BINARY_DIR = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ.get("RINGGRAPH_BINARY_DIR", "build")
sys.path.insert(0, os.path.join(BINARY_DIR, "thrift", "gen-py"))

from thrift.protocol import TBinaryProtocol  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402
from ringgraph_api import RingGraph  # noqa: E402
from ringgraph_api.ttypes import (DetectionState, ErrorCode, RingGraphError,  # noqa: E402
                                  Role, Signal)

RINGCTL = os.path.join(BINARY_DIR, "tools", "ringctl")
RINGD = os.path.join(BINARY_DIR, "service", "ringd")


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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
        cls.tokens = {r: open(d + "/" + r + ".token").read().strip() for r in ("read", "write")}
        cls.log = open(d + "/ringd.log", "w")
        cls.ringd = subprocess.Popen(
            [RINGD, "--data", d + "/data", "--secret-file", d + "/secret", "--tokens-file",
             d + "/tokens", "--listen", "127.0.0.1:0", "--metrics", "off", "--detect-at", "off",
             "--share-key", share, "--port-file", d + "/port"], stdout=cls.log,
            stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        cls.port = None
        while time.time() < deadline and cls.port is None:
            if cls.ringd.poll() is not None:
                raise RuntimeError("ringd exited: " + open(d + "/ringd.log").read())
            try:
                cls.port = int(open(d + "/port").read().split()[0])
            except (OSError, ValueError, IndexError):
                time.sleep(0.05)
        if cls.port is None:
            raise RuntimeError("ringd did not start")

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
