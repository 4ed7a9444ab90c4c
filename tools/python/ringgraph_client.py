#!/usr/bin/python3
"""ringd's Python client: a connection over TCP or TLS (optionally with a client certificate),
authenticated with a token or by the certificate alone, for gateways and notebooks, that fails
over across replicas of ringd.

As a module:
    from ringgraph_client import connect
    with connect("ringd-a.internal:9090,ringd-b.internal:9090", token=..., tls_ca="ca.pem",
                 tls_cert="me.pem", tls_key="me.key") as api:
        print(api.getCluster("acct-42"), "from", api.replica)

As a command:
    ringgraph_client.py --remote HOST:PORT[,HOST:PORT...] [--token-file F]
                        [--tls-ca CA --tls-cert C --tls-key K]
                        membership ACCOUNT... | health | top [N]

Several replicas (ringd instances that serve the same data), as in the C++ client
(thrift/client/ringgraph_client.h): connect() takes the first that answers, and a call whose
connection fails is made again, once, on each other replica in turn, connecting and
authenticating there. Lookups, explanations, labels and detection requests may be repeated
safely; an ingest call repeated after a replica committed it and then failed counts its records
twice there, so gateways that need several replicas should publish signals through the signal
stream rather than call ingest.

It uses Debian's python3-thrift and the code generated from thrift/ringgraph.thrift into
build/thrift/gen-py (override with --gen-py or $RINGGRAPH_GEN_PY).
"""
import argparse
import contextlib
import json
import logging
import os
import ssl
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_DEFAULT_GEN_PY = os.path.join(_HERE, "..", "..", "build", "thrift", "gen-py")


class NoReplicaAnswered(ConnectionError):
    """None of several replicas could be connected to (or authenticated with over a live link)."""


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


def split_address(address):
    """(host, port) of HOST:PORT; HOST may be a bracketed IPv6 address."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("%r is not HOST:PORT" % address)
    if len(host) > 2 and host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, int(port)


class FailoverClient:
    """A RingGraph client over one connection at a time to one of several replicas.

    Every method of the generated RingGraph.Client is called by the same name (api.getCluster(..)).
    A call whose connection fails (thrift's TTransportException or an OSError: refused, reset,
    timed out) is made again, once, on each other replica in turn after reconnecting and
    re-authenticating there; the error of the last attempt is raised when none answers. Any other
    error, such as a RingGraphError from ringd, is raised as it is. `replica` is the HOST:PORT
    connected to now. Beware: an ingest call retried after a replica committed it and then
    failed counts its records twice there; publish through the signal stream when that matters.
    Use from one thread at a time.
    """

    def __init__(self, address, token=None, tls_ca=None, tls_cert=None, tls_key=None,
                 timeout=None, gen_py=None, connect_timeout=5.0):
        """Connects (and authenticates, when `token` is given) to the first replica of
        `address`, HOST:PORT or HOST:PORT,HOST:PORT,..., that answers."""
        self._RingGraph = _import_api(gen_py)
        from thrift.transport.TTransport import TTransportException
        self._transport_errors = (TTransportException, OSError)
        self._addresses = [one for one in address.split(",") if one]
        if not self._addresses:
            raise ValueError("%r is not HOST:PORT" % address)
        for one in self._addresses:
            split_address(one)
        if tls_ca:
            self._tls = tls_context(tls_ca, tls_cert, tls_key)
        elif tls_cert or tls_key:
            raise ValueError("--tls-cert and --tls-key need --tls-ca")
        else:
            self._tls = None
        self._token, self._timeout, self._connect_timeout = token, timeout, connect_timeout
        self._current, self._transport, self._client = 0, None, None
        first_failure = None
        for index in range(len(self._addresses)):
            try:
                self._dial(index)
                return
            except self._transport_errors as error:
                first_failure = first_failure or error
            except BaseException:  # a refused token: every replica would refuse it
                self.close()
                raise
        self.close()
        if len(self._addresses) == 1:
            raise first_failure
        raise NoReplicaAnswered("no replica of %s answered; the first: cannot reach ringd at %s: %s"
                                % (address, self._addresses[0], first_failure)) from first_failure

    @property
    def replica(self):
        """HOST:PORT of the replica connected to now."""
        return self._addresses[self._current]

    def close(self):
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _dial(self, index):
        """Connects to replica `index` and authenticates; it becomes the current one."""
        from thrift.protocol import TBinaryProtocol
        from thrift.transport import TSocket, TSSLSocket, TTransport
        host, port = split_address(self._addresses[index])
        if self._tls:
            socket = TSSLSocket.TSSLSocket(host, port, ssl_context=self._tls, server_hostname=host,
                                           # the context has checked the name already
                                           validate_callback=lambda cert, hostname: None)
        else:
            socket = TSocket.TSocket(host, port)
        self.close()
        self._current = index
        self._transport = TTransport.TFramedTransport(socket)
        self._client = self._RingGraph.Client(TBinaryProtocol.TBinaryProtocol(self._transport))
        socket.setTimeout(None if self._connect_timeout is None else self._connect_timeout * 1000.0)
        self._transport.open()
        socket.setTimeout(None if self._timeout is None else self._timeout * 1000.0)
        if self._token:
            self._client.authenticate(self._token)

    def _call(self, name, args, kwargs):
        try:
            return getattr(self._client, name)(*args, **kwargs)
        except self._transport_errors as error:
            last_error = error
        failed = self._current
        for step in range(1, len(self._addresses)):
            try:
                self._dial((failed + step) % len(self._addresses))
            except Exception:  # unreachable, or refusing us: try the one after
                continue
            try:
                return getattr(self._client, name)(*args, **kwargs)
            except self._transport_errors as error:
                last_error = error
        raise last_error

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        method = getattr(self._RingGraph.Client, name)  # AttributeError for no such method
        if not callable(method):
            return method

        def call(*args, **kwargs):
            return self._call(name, args, kwargs)
        call.__name__, call.__doc__ = name, method.__doc__
        return call


@contextlib.contextmanager
def connect(address, token=None, tls_ca=None, tls_cert=None, tls_key=None, timeout=None,
            gen_py=None, connect_timeout=5.0):
    """Yields a FailoverClient (a RingGraph client) connected and authenticated to the first
    replica of `address` (HOST:PORT or HOST:PORT,HOST:PORT,...) that answers. A connection error
    moves on to the next replica; any other (a refused token) is raised at once; when none
    answers, NoReplicaAnswered names them and the first error. `timeout` is seconds per call
    (None: as long as it takes), `connect_timeout` seconds per connection attempt."""
    api = FailoverClient(address, token, tls_ca, tls_cert, tls_key, timeout, gen_py,
                         connect_timeout)
    try:
        yield api
    finally:
        api.close()


def _read_token(path):
    path = path or os.environ.get("RINGGRAPH_TOKEN_FILE")
    if not path:
        return None
    with open(path) as f:
        return f.readline().strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ask a running ringd over Thrift (TCP or TLS).")
    parser.add_argument("--remote", required=True, help="HOST:PORT of ringd, or several replicas' "
                        "HOST:PORT,HOST:PORT,... (the first that answers is used; a call "
                        "whose connection fails is retried on the others)")
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
    # thrift logs each replica it cannot reach; the command says what matters in one line.
    logging.getLogger("thrift").setLevel(logging.CRITICAL)
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
