#!/usr/bin/env python3
"""Writes the stix_bundle fuzzer's seed bundles into corpus/stix_bundle/.

The bundles look like ringctl export-indicators output and carry valid MACs under the key the
harness configures (consortium "fuzz", secret 64 x '5'), so the fuzzer starts from bundles that
are accepted and mutates every check on the way. It computes what graph/sharing does:
BLAKE2b key derivation, the key id, the keyed value hashes and the indicator MAC.
"""
import hashlib
import json
import pathlib
import uuid

ID_NAMESPACE = uuid.UUID("8f3c2a1e-5b7d-4c9e-a2f1-6d0b9e3c7a54")
SECRET = bytes.fromhex("5" * 64)
KEY = hashlib.blake2b(b"ringgraph consortium key v1", digest_size=32, key=SECRET).digest()
KEY_ID = hashlib.blake2b(b"ringgraph key id v1", digest_size=8, key=KEY).hexdigest()
EXTENSION = "extension-definition--" + str(uuid.uuid5(ID_NAMESPACE, "ringgraph-ring-v1"))
KINDS = {"payment": 1, "ip": 2, "device": 3, "template": 5}
TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"


def keyed(kind_code, text):
    return hashlib.blake2b(bytes([kind_code]) + text.encode(), digest_size=16, key=KEY).hexdigest()


def indicator(lab, ring, values, confidence, created, valid_until, identity):
    pattern = " OR ".join(
        f"[x-ringgraph-signal:kind = '{kind}' AND x-ringgraph-signal:value_hash = "
        f"'{keyed(KINDS[kind], value)}']" for kind, value in values)
    ind = {
        "type": "indicator", "spec_version": "2.1",
        "id": "indicator--" + str(uuid.uuid5(ID_NAMESPACE, f"ring|{lab}|{KEY_ID}|{ring}")),
        "created_by_ref": identity, "created": created, "modified": created,
        "name": f"ringgraph extraction ring {ring}",
        "indicator_types": ["malicious-activity"], "pattern": pattern, "pattern_type": "stix",
        "pattern_version": "2.1", "valid_from": created, "confidence": confidence,
        "object_marking_refs": [TLP_AMBER],
    }
    if valid_until:
        ind["valid_until"] = valid_until
    mac_input = "|".join([ind["id"], ind["modified"], pattern, ind["valid_from"],
                          ind.get("valid_until", ""), str(confidence), KEY_ID])
    ind["extensions"] = {EXTENSION: {
        "extension_type": "property-extension", "ring_size": 4 + ring, "ring_score": 0.8,
        "consortium_key_id": KEY_ID,
        "mac": hashlib.blake2b(b"\0" + mac_input.encode(), digest_size=16, key=KEY).hexdigest()}}
    return ind


def bundle(lab, indicators):
    identity = "identity--" + str(uuid.uuid5(ID_NAMESPACE, "lab|" + lab))
    created = "2026-11-20T02:30:00.000Z"
    objects = [
        {"type": "identity", "spec_version": "2.1", "id": identity, "created": created,
         "modified": created, "name": lab, "identity_class": "organization"},
        {"type": "marking-definition", "spec_version": "2.1", "id": TLP_AMBER,
         "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "name": "TLP:AMBER",
         "definition": {"tlp": "amber"}},
    ]
    objects += [indicator(lab, *args, identity=identity) for args in indicators]
    ids = "".join(o["id"] + "|" for o in objects)
    return {"type": "bundle", "id": "bundle--" + str(uuid.uuid5(ID_NAMESPACE, "bundle|" + ids)),
            "objects": objects}


def main():
    out = pathlib.Path(__file__).resolve().parent / "corpus" / "stix_bundle"
    out.mkdir(parents=True, exist_ok=True)
    until = "2027-02-18T02:30:00.000Z"
    one = bundle("frontier-lab", [
        (7, [("device", "dev-1a2b"), ("payment", "4111111111111111")], 82,
         "2026-11-20T02:30:00.000Z", until)])
    two = bundle("second-lab", [
        (3, [("ip", "203.0.113.7")], 55, "2026-11-20T02:30:00.000Z", until),
        (9, [("template", "tpl-77"), ("ip", "198.51.100.2"), ("device", "d-9")], 100,
         "2026-11-21T00:00:00Z", None)])
    (out / "valid_one_ring").write_text(json.dumps(one, indent=2) + "\n")
    (out / "valid_two_rings").write_text(json.dumps(two, separators=(",", ":")) + "\n")
    wrong_key = json.loads(json.dumps(one))
    wrong_key["objects"][2]["extensions"][EXTENSION]["consortium_key_id"] = "0123456789abcdef"
    (out / "invalid_unknown_key").write_text(json.dumps(wrong_key) + "\n")
    altered = json.loads(json.dumps(one))
    altered["objects"][2]["confidence"] = 99
    (out / "invalid_altered_mac").write_text(json.dumps(altered) + "\n")
    (out / "invalid_not_bundle").write_text('{"type": "indicator", "objects": []}\n')


if __name__ == "__main__":
    main()
