#!/usr/bin/python3
"""ringd's Python client: a connection over TCP or TLS (optionally with a client certificate),
authenticated with a token or by the certificate alone, for gateways and notebooks.

As a module:
    from ringgraph_client import connect
    with connect("ringd.internal:9090", token=..., tls_ca="ca.pem",
                 tls_cert="me.pem", tls_key="me.key") as api:
        print(api.getCluster("acct-42"))

As a command:
    ringgraph_client.py --remote HOST:PORT [--token-file F] [--tls-ca CA --tls-cert C --tls-key K]
                        membership ACCOUNT... | health | top [N]

It uses Debian's python3-thrift and the code generated from thrift/ringgraph.thrift into
build/thrift/gen-py (override with --gen-py or $RINGGRAPH_GEN_PY).
"""
import argparse
import contextlib
import json
import os
import ssl
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_DEFAULT_GEN_PY = os.path.join(_HERE, "..", "..", "build", "thrift", "gen-py")


def _import_api(gen_py=None):
    path = gen_py or os.environ.get("RINGGRAPH_GEN_PY") or _DEFAULT_GEN_PY
    if path not in sys.path:
        sys.path.insert(0, path)
    from ringgraph_api import RingGraph  # noqa: E402
    return RingGraph


def tls_context(ca, cert=None, key=None):
    """TLS 1.2 or later; ringd's certificate must chain to `ca` and name the host dialled."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if bool(cert) != bool(key):
        raise ValueError("--tls-cert and --tls-key go together")
    if cert:
        context.load_cert_chain(cert, key)
    return context


@contextlib.contextmanager
def connect(address, token=None, tls_ca=None, tls_cert=None, tls_key=None, timeout=None,
            gen_py=None):
    """Yields a RingGraph client on an open, authenticated connection."""
    RingGraph = _import_api(gen_py)
    from thrift.protocol import TBinaryProtocol
    from thrift.transport import TSocket, TSSLSocket, TTransport
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError("%r is not HOST:PORT" % address)
    host = host.strip("[]")
    if tls_ca:
        socket = TSSLSocket.TSSLSocket(host, int(port), ssl_context=tls_context(tls_ca, tls_cert,
                                                                             tls_key),
                                       server_hostname=host,
                                       # the context has checked the name already
                                       validate_callback=lambda cert, hostname: None)
    elif tls_cert or tls_key:
        raise ValueError("--tls-cert and --tls-key need --tls-ca")
    else:
        socket = TSocket.TSocket(host, int(port))
    if timeout is not None:
        socket.setTimeout(timeout * 1000.0)
    transport = TTransport.TFramedTransport(socket)
    client = RingGraph.Client(TBinaryProtocol.TBinaryProtocol(transport))
    transport.open()
    try:
        if token:
            client.authenticate(token)
        yield client
    finally:
        transport.close()


def _read_token(path):
    path = path or os.environ.get("RINGGRAPH_TOKEN_FILE")
    if not path:
        return None
    with open(path) as f:
        return f.readline().strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ask a running ringd over Thrift (TCP or TLS).")
    parser.add_argument("--remote", required=True, help="HOST:PORT of ringd")
    parser.add_argument("--token-file", help="client token (default: $RINGGRAPH_TOKEN_FILE); "
                        "optional when the client certificate carries a role")
    parser.add_argument("--tls-ca", help="talk TLS; ringd's certificate must chain to this CA")
    parser.add_argument("--tls-cert", help="client certificate for mutual TLS (PEM)")
    parser.add_argument("--tls-key", help="private key of --tls-cert (PEM)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per call")
    parser.add_argument("--gen-py", help="directory of the generated Python code")
    sub = parser.add_subparsers(dest="command", required=True)
    membership = sub.add_parser("membership", help="the cluster of each account")
    membership.add_argument("accounts", nargs="+")
    sub.add_parser("health", help="ringd's health")
    top = sub.add_parser("top", help="the highest-scoring rings")
    top.add_argument("limit", nargs="?", type=int, default=10)
    args = parser.parse_args(argv)
    try:
        with connect(args.remote, _read_token(args.token_file), args.tls_ca, args.tls_cert,
                     args.tls_key, args.timeout, args.gen_py) as api:
            if args.command == "membership":
                for m in api.getClusters(args.accounts):
                    print(json.dumps({"account": m.account, "inCluster": m.inCluster,
                                      "clusterId": m.clusterId, "ringScore": m.ringScore,
                                      "flagged": m.flagged}))
            elif args.command == "health":
                h = api.health()
                print(json.dumps({"serving": h.serving,
                                  "clusteringVersion": h.clusteringVersion}))
            else:
                for r in api.topRings(args.limit, 0.0):
                    print(json.dumps({"clusterId": r.clusterId, "size": r.size,
                                      "ringScore": r.ringScore, "summary": r.summary}))
    except Exception as e:  # the edge: one line for people, exit 1
        print("ringgraph_client: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
