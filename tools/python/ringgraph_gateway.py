#!/usr/bin/python3
"""An API gateway's side of the signal stream: signal records published to NATS JetStream, where
every ringd replica started with --nats consumes them (README, "From a stream: NATS JetStream").

As a module:
    from ringgraph_gateway import SignalGateway
    with SignalGateway("nats://n1:4222,nats://n2:4222") as gateway:
        gateway.publish({"account": "acct-42", "kind": "ip", "value": "203.0.113.7",
                         "ts": "2026-12-03T10:00:00Z"})
        gateway.flush()   # waits until JetStream has stored every record published so far

As a command:
    ringgraph_gateway.py --nats URL[,URL...] [--stream NAME] FILE.jsonl|- ...

Each record is one message, the JSON Lines record format, on ringgraph.signals.<kind>, as
`ringctl publish` sends it. A record counts as published once JetStream acknowledges it, that
is once the stream (replicated, on a cluster) holds it; the replicas then ingest it exactly once.

Debian packages no Python NATS client, so this speaks NATS's text protocol over a socket: CONNECT,
SUB to a reply inbox, PUB with that inbox as the reply subject, and JetStream's acknowledgement as
the reply ({"stream": ..., "seq": N}, or {"error": ...}). Publishes are pipelined, at most
`window` awaiting their acknowledgement. It does not create the stream: ringd --nats or
`ringctl publish` does, with the settings the replicas need.
"""
import argparse
import json
import os
import socket
import sys

SUBJECT_PREFIX = "ringgraph.signals."
DEFAULT_STREAM = "RINGGRAPH_SIGNALS"
FIELDS = ("account", "kind", "value", "ts")


class GatewayError(Exception):
    """The stream refused a record, or no server could be reached."""


def subject_for_kind(kind):
    """ringgraph.signals.<kind>; a kind that is not a plain token goes to ringgraph.signals._other
    (the same rule as ringctl publish), where ringd counts it as rejected."""
    plain = bool(kind) and all(c.isascii() and (c.isalnum() or c in "_-") for c in kind)
    return SUBJECT_PREFIX + (kind if plain else "_other")


def check_record(record):
    """The record as the one-line JSON body ringd reads; ValueError names what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("a record is a JSON object")
    for field in FIELDS:
        if not isinstance(record.get(field), str) or not record[field]:
            raise ValueError("field '%s' is missing or not a non-empty string" % field)
    return json.dumps({f: record[f] for f in FIELDS}, ensure_ascii=False)


class SignalGateway:
    """One connection to the first server of `servers` (nats://host:port, comma-separated) that
    answers. Use from one thread."""

    def __init__(self, servers, stream=DEFAULT_STREAM, window=256, timeout=10.0):
        self.stream, self.window, self.published = stream, window, 0
        self._pending, self._buffer, self._next_reply = 0, b"", 0
        self._inbox = "_INBOX.gw%s" % os.urandom(8).hex()
        failures = []
        for url in [u for u in servers.split(",") if u]:
            host, _, port = url.replace("nats://", "", 1).rpartition(":")
            try:
                self._socket = socket.create_connection((host.strip("[]"), int(port)), timeout)
                self._handshake()
                self.server = url
                break
            except (OSError, ValueError, GatewayError) as error:
                failures.append("%s: %s" % (url, error))
        else:
            raise GatewayError("no NATS server of %s answered (%s)"
                               % (servers, "; ".join(failures)))
        # The stream must exist; otherwise a publish would wait for an acknowledgement forever.
        info = self._request("$JS.API.STREAM.INFO." + stream, b"")
        if "error" in info:
            raise GatewayError("stream %s: %s; start ringd --nats or run ringctl publish once to "
                               "create it" % (stream, info["error"].get("description", info)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._socket.close()

    def publish(self, record):
        """Queues one record (a dict with account, kind, value, ts); raises ValueError for a
        malformed one (nothing is sent) and GatewayError when the stream refuses one."""
        body = check_record(record).encode()
        reply = "%s.%d" % (self._inbox, self._next_reply)
        self._next_reply += 1
        self._socket.sendall(b"PUB %s %s %d\r\n%s\r\n" % (subject_for_kind(record["kind"]).encode(),
                                                          reply.encode(), len(body), body))
        self._pending += 1
        while self._pending >= self.window:
            self._take_ack()

    def flush(self):
        """Waits for the acknowledgement of every record published so far."""
        while self._pending:
            self._take_ack()

    def _take_ack(self):
        ack = json.loads(self._next_message())
        self._pending -= 1
        if "error" in ack:
            raise GatewayError("the stream refused a record: %s" % ack["error"])
        self.published += 1

    def _handshake(self):
        line = self._line()
        if not line.startswith(b"INFO "):
            raise GatewayError("not a NATS server (it said %r)" % line[:40])
        connect = {"verbose": False, "pedantic": False, "echo": False, "protocol": 1,
                   "name": "ringgraph_gateway.py"}
        self._socket.sendall(b"CONNECT %s\r\nSUB %s.* 1\r\nPING\r\n" %
                             (json.dumps(connect).encode(), self._inbox.encode()))
        while True:
            line = self._line()
            if line == b"PONG":
                return
            if line.startswith(b"-ERR"):
                raise GatewayError(line.decode(errors="replace"))

    def _request(self, subject, payload):
        """One request/reply outside the publish pipeline (none may be pending)."""
        self.flush()
        reply = "%s.r%d" % (self._inbox, self._next_reply)
        self._next_reply += 1
        self._socket.sendall(b"PUB %s %s %d\r\n%s\r\n" % (subject.encode(), reply.encode(),
                                                          len(payload), payload))
        return json.loads(self._next_message())

    def _next_message(self):
        """The payload of the next MSG on the inbox, answering the server's PINGs meanwhile."""
        while True:
            line = self._line()
            if line == b"PING":
                self._socket.sendall(b"PONG\r\n")
            elif line.startswith(b"MSG "):
                size = int(line.split()[-1])
                while len(self._buffer) < size + 2:
                    self._receive()
                payload, self._buffer = self._buffer[:size], self._buffer[size + 2:]
                return payload
            elif line.startswith(b"-ERR"):
                raise GatewayError(line.decode(errors="replace"))

    def _line(self):
        while b"\r\n" not in self._buffer:
            self._receive()
        line, self._buffer = self._buffer.split(b"\r\n", 1)
        return line

    def _receive(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise GatewayError("the NATS server closed the connection")
        self._buffer += chunk


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Publish signal records (JSON Lines: account, kind, value, ts) to the NATS "
                    "JetStream signal stream that ringd --nats consumes, as an API gateway would.")
    parser.add_argument("--nats", required=True, help="nats://host:port, comma-separated")
    parser.add_argument("--stream", default=DEFAULT_STREAM,
                        help="JetStream stream (default %(default)s)")
    parser.add_argument("files", nargs="+", help="JSON Lines files, or - for stdin")
    args = parser.parse_args(argv)
    malformed = 0
    try:
        with SignalGateway(args.nats, args.stream) as gateway:
            for name in args.files:
                source = sys.stdin if name == "-" else open(name, encoding="utf-8")
                with source:
                    for number, line in enumerate(source, 1):
                        if not line.strip():
                            continue
                        try:
                            gateway.publish(json.loads(line))
                        except ValueError as error:
                            malformed += 1
                            print("%s:%d: %s" % (name, number, error), file=sys.stderr)
            gateway.flush()
            print("gateway: %d records stored by stream %s at %s, %d malformed" %
                  (gateway.published, args.stream, gateway.server, malformed))
    except (GatewayError, OSError) as error:
        print("gateway: %s" % error, file=sys.stderr)
        return 1
    return 3 if malformed else 0


if __name__ == "__main__":
    sys.exit(main())
