/**
 * ringgraph's query API.
 *
 * ringd serves it over TFramedTransport with TBinaryProtocol (strict), on one TCP port. Fraud
 * systems call getCluster/getClusters on their request path; analysts read details and
 * explanations and record verdicts; pipelines push new evidence with ingest.
 *
 * Authentication: the first call on a connection is authenticate(token). Tokens are issued per
 * client by the operator (`ringctl token new`) and carry a role. Until a connection has
 * authenticated, every method except health() and version() fails with UNAUTHENTICATED.
 * The write methods (ingest, label, runDetection) need the "write" role.
 *
 * Membership answers come from the latest committed clustering (the nightly detection), overlaid
 * with real-time assignments that ringd makes when ingested evidence links an account to a
 * flagged ring. A running detection or ingest never blocks reads.
 *
 * Privacy: signal values are sent in clear over ingest and hashed with the deployment's keyed
 * hash before anything is stored or logged. Answers name values only by their hashed value id.
 */
namespace cpp ringgraph.api
namespace py ringgraph_api

/** Why a call failed. Codes are stable; messages are for people and may change. */
enum ErrorCode {
  /** The request is malformed: an empty account, a limit out of range, an unknown verdict. */
  INVALID_ARGUMENT = 1,
  /** The named cluster or account does not exist in the clustering asked about. */
  NOT_FOUND = 2,
  /** The connection has not authenticated, or the token is not valid. */
  UNAUTHENTICATED = 3,
  /** The client's role does not allow this method. */
  PERMISSION_DENIED = 4,
  /** ringd cannot serve this now (shutting down, store unavailable); retry later. */
  UNAVAILABLE = 5,
  /** A request or store limit was reached (too many records in one call, map full). */
  RESOURCE_EXHAUSTED = 6,
  /** The call needs something that is not there yet, such as a first clustering. */
  FAILED_PRECONDITION = 7,
  /** An unexpected failure inside ringd. The message carries only an incident id for the log. */
  INTERNAL = 8,
}

/** The one exception every method may throw for a domain error. */
exception RingGraphError {
  1: required ErrorCode code
  2: required string message
}

/** What a client may do. */
enum Role {
  /** Read methods only. */
  READ = 1,
  /** Read methods, plus ingest, label, runDetection and the indicator methods. */
  WRITE = 2,
}

/** Who the connection is, after authenticate(). */
struct Session {
  /** The client name the token was issued to. */
  1: required string client
  2: required Role role
}

/** Liveness and readiness of this ringd. */
struct HealthStatus {
  /** True when the store is open and the service accepts calls. */
  1: required bool serving
  /** The clustering version membership answers come from; 0 when no detection has run. */
  2: required i64 clusteringVersion
  /** Human-readable detail for operators; never contains account data. */
  3: optional string detail
}

/** Where an account is, as of the latest clustering plus real-time assignments. */
struct Membership {
  /** The account as asked. */
  1: required string account
  /** False for an unknown account, or one in no cluster of two or more accounts. */
  2: required bool inCluster
  /** The stable cluster id; 0 when not in a cluster. */
  3: required i64 clusterId
  /** The cluster's ring score in [0, 1]; 0 when not in a cluster. */
  4: required double ringScore
  /** True when this account is flagged as part of a ring. */
  5: required bool flagged
  /** The clustering version the answer comes from; 0 when no detection has run. */
  6: required i64 clusteringVersion
  /** When that clustering was computed, Unix seconds; 0 when no detection has run. */
  7: required i64 computedAt
  /** True when the answer comes from a real-time assignment made after that clustering. */
  8: required bool realtime
  /** True when the account is in the store at all (it has sent any signal). */
  9: required bool knownAccount
}

/** One named contribution to a ring score (log-odds). */
struct ScoreFactor {
  1: required string name
  2: required double contribution
}

/** One shared signal value that binds a cluster together. */
struct Evidence {
  /** The signal kind: payment, ip, device, template, or a declared kind. */
  1: required string kind
  /** The keyed hash of the value, hex; never the value itself. */
  2: required string valueId
  /** How many of the cluster's members hold it. */
  3: required i32 membersSharing
  /** How many accounts in the whole store hold it. */
  4: required i32 holdersTotal
  /** The weight one pair of holders gets from this value in the account graph. */
  5: required double pairWeight
}

/** A cluster with its members, page by page. */
struct ClusterDetail {
  1: required i64 clusterId
  2: required i64 clusteringVersion
  3: required double ringScore
  4: required bool flagged
  /** Members in the whole cluster. */
  5: required i32 size
  /** The page of member accounts asked for, in account-id order. */
  6: required list<string> members
  /** The cluster's features, by name (young fraction, prompts per account, ...). */
  7: required map<string, double> features
  /** Analysts' labels on the cluster, as "verdict: note". */
  8: required list<string> labels
  /** One line for analysts. */
  9: required string summary
  /**
   * Each listed member's own evidence, in [0, 1], parallel to `members`: the cluster's score
   * moved by how the member's own volume, pace and campaign share differ from the cluster's and
   * by how weakly it is tied in. In a flagged cluster, members below the flag threshold are not
   * flagged (unless the cluster is a confirmed ring). Absent for clusters written before member
   * evidence existed.
   */
  10: optional list<double> memberEvidence
}

/** Why a cluster scored as it did. */
struct ClusterExplanation {
  1: required i64 clusterId
  2: required i64 clusteringVersion
  3: required double ringScore
  4: required bool flagged
  5: required string summary
  /** The named factors of the score, largest contribution first. */
  6: required list<ScoreFactor> factors
  /** The strongest shared values, strongest first. */
  7: required list<Evidence> evidence
  8: required list<string> labels
}

/** One hop of a link path: two accounts and the values they share. */
struct LinkHop {
  1: required string fromAccount
  2: required string toAccount
  /** Sum of the shared values' pair weights. */
  3: required double weight
  4: required list<Evidence> shared
}

/** The strongest path of shared values between two accounts. */
struct LinkExplanation {
  /** False when no path was found within the search limits. */
  1: required bool linked
  /** The weakest hop's weight: the path is as strong as this. */
  2: required double strength
  3: required list<LinkHop> hops
}

/** A ring in the top list. */
struct RingSummary {
  1: required i64 clusterId
  2: required double ringScore
  3: required i32 size
  4: required string summary
}

/** One observed signal, as fraud pipelines send it. */
struct Signal {
  /** The account's name in the API provider's systems. At most 256 bytes. */
  1: required string account
  /** payment, ip, device, prompt, or a declared kind. */
  2: required string kind
  /** The raw value (a card fingerprint, an IP, a device hash, a prompt's text). Hashed at once. */
  3: required string value
  /** When it was observed: Unix seconds. 0 means now. */
  4: optional i64 observedAt
}

/** Why one record of an ingest call was rejected. */
struct RecordError {
  /** 0-based position of the record in the call's list. */
  1: required i32 index
  2: required string message
}

/** The result of one ingest call. */
struct IngestResult {
  /** Records durably committed before the call returned. */
  1: required i32 acknowledged
  /** One entry per rejected record; they are not stored. */
  2: required list<RecordError> rejected
  /** Accounts newly flagged in real time because this evidence linked them to a ring. */
  3: required list<Membership> realtimeFlags
}

/** What the detection job is doing. */
enum DetectionState {
  IDLE = 1,
  RUNNING = 2,
  SUCCEEDED = 3,
  FAILED = 4,
}

struct DetectionStatus {
  1: required DetectionState state
  /** The run that is going on now, or the last one. Unix seconds; 0 when none has run. */
  2: required i64 startedAt
  3: required i64 finishedAt
  /** The clustering version the last successful run wrote. */
  4: required i64 lastVersion
  5: required double lastDurationSeconds
  6: required i64 clusters
  7: required i64 flaggedRings
  /** Why the last run failed, when state is FAILED. */
  8: optional string error
  /** When the schedule runs detection next, Unix seconds; 0 when there is no schedule. */
  9: required i64 nextScheduledAt
}

/** What importIndicators did. */
struct ImportResult {
  /** Indicators in the bundle. */
  1: required i32 indicators
  /** Of those, new to the watchlist or updated (0 when the same bundle is imported again). */
  2: required i32 newOrUpdated
  /** Local accounts that hold a value the watchlist names now. */
  3: required i32 matchedAccounts
  /** The partner the indicators are recorded as coming from. */
  4: required string partner
}

/** The ringgraph query service. */
service RingGraph {
  /** Authenticates this connection with a client token; the session lasts as long as it. */
  Session authenticate(1: string token) throws (1: RingGraphError error)

  /** The cluster of one account. An unknown account is a normal answer, in no cluster. */
  Membership getCluster(1: string account) throws (1: RingGraphError error)

  /** The clusters of many accounts, in the order asked. At most 100000 per call. */
  list<Membership> getClusters(1: list<string> accounts) throws (1: RingGraphError error)

  /** A cluster of the latest clustering, with one page of its members (limit at most 10000). */
  ClusterDetail getClusterDetail(1: i64 clusterId, 2: i32 offset, 3: i32 limit)
      throws (1: RingGraphError error)

  /** Why a cluster of the latest clustering scored as it did, with its evidence. */
  ClusterExplanation explainCluster(1: i64 clusterId) throws (1: RingGraphError error)

  /** The strongest path of shared values between two accounts, read from the live store. */
  LinkExplanation explainLink(1: string accountA, 2: string accountB)
      throws (1: RingGraphError error)

  /** Flagged rings with score at least minScore, highest score first (limit at most 10000). */
  list<RingSummary> topRings(1: i32 limit, 2: double minScore) throws (1: RingGraphError error)

  /**
   * Stores new evidence (at most 100000 records per call) and flags in real time the accounts it
   * links to a flagged ring. Valid records are committed durably before the call returns, even
   * when others are rejected. Needs the write role.
   */
  IngestResult ingest(1: list<Signal> signals) throws (1: RingGraphError error)

  /**
   * Records an analyst's verdict. target is "account:NAME" or "cluster:ID"; verdict is "ring"
   * or "benign". The next detection uses it. Needs the write role.
   */
  void label(1: string target, 2: string verdict, 3: string note) throws (1: RingGraphError error)

  /**
   * Starts a detection run in the background and returns at once. Needs the write role. On a
   * replica that follows a detection leader (ringd --nats), FAILED_PRECONDITION naming the
   * leader: ask the leader, whose versions this replica installs.
   */
  DetectionStatus runDetection() throws (1: RingGraphError error)

  /** The state of the current or last detection run. */
  DetectionStatus detectionStatus() throws (1: RingGraphError error)

  /**
   * The flagged rings of the latest clustering as a STIX 2.1 bundle (JSON text), their values
   * hashed under the named consortium key (README, "Sharing indicators"). Empty rings: every
   * flagged ring scoring at least minScore. tlp: clear, green, amber or red. Needs the write
   * role, since a bundle is meant to leave the lab.
   */
  string exportIndicators(1: string keyName, 2: double minScore, 3: list<i64> rings,
                          4: string lab, 5: string tlp) throws (1: RingGraphError error)

  /**
   * Checks a partner's STIX 2.1 bundle and adds its indicators to the watchlist; a bad bundle
   * is refused whole (INVALID_ARGUMENT naming the object and property) and nothing is stored.
   * Accounts holding watched values are flagged by the next detection, and by ingest in real
   * time from then on. Needs the write role.
   */
  ImportResult importIndicators(1: string bundleJson, 2: string partner)
      throws (1: RingGraphError error)

  /** Liveness and readiness of this ringd. Needs no authentication. */
  HealthStatus health()

  /** The build version of this ringd, for example "0.1.0". Needs no authentication. */
  string version()
}
