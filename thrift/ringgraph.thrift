/**
 * ringgraph's query API: cluster membership, explanations and ingest for fraud systems,
 * analysts and partner labs. Served by ringd over framed binary protocol.
 *
 * This is the first slice of the IDL; the service issue extends it with membership,
 * explanation, ingest, label and detection methods.
 */
namespace cpp ringgraph.api
namespace py ringgraph_api

/** Whether ringd can serve, and what it serves from. */
struct HealthStatus {
  /** True when the store is open and the service accepts calls. */
  1: required bool serving
  /** The clustering version membership answers come from; 0 when no detection has run. */
  2: required i64 clusteringVersion
  /** Human-readable detail for operators; never contains account data. */
  3: optional string detail
}

/** The ringgraph query service. */
service RingGraph {
  /** Liveness and readiness of this ringd. */
  HealthStatus health()
  /** The build version of this ringd, for example "0.1.0". */
  string version()
}
