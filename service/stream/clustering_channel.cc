// The detection lease and clustering publication on JetStream. See clustering_channel.h.
#include "service/stream/clustering_channel.h"

#include <nats/nats.h>

#include <nlohmann/json.hpp>

#include "graph/store/clustering_transfer.h"

namespace ringgraph::stream {
namespace {

constexpr const char* kVersionHeader = "Ringgraph-Version";
constexpr const char* kChunkHeader = "Ringgraph-Chunk";
constexpr const char* kChunksHeader = "Ringgraph-Chunks";
constexpr const char* kDigestHeader = "Ringgraph-Sha256";

// Binds to a KV bucket, creating it with `config` when it does not exist (or another replica
// created it meanwhile).
Result<kvStore*> BindBucket(jsCtx* js, kvConfig& config) {
  kvStore* bucket = nullptr;
  natsStatus s = js_KeyValue(&bucket, js, config.Bucket);
  if (s == NATS_OK) return bucket;
  if (s != NATS_NOT_FOUND) {
    return NatsStatus(s, "bind to KV bucket '" + std::string(config.Bucket) + "'");
  }
  s = js_CreateKeyValue(&bucket, js, &config);
  if (s == NATS_OK) return bucket;
  if (js_KeyValue(&bucket, js, config.Bucket) == NATS_OK) return bucket;
  return NatsStatus(s, "create KV bucket '" + std::string(config.Bucket) + "' (" +
                           std::to_string(config.Replicas) +
                           " replicas): are that many servers of the cluster up?");
}

std::string HeaderOf(natsMsg* message, const char* key) {
  const char* value = nullptr;
  if (natsMsgHeader_Get(message, key, &value) != NATS_OK || value == nullptr) return {};
  return value;
}

}  // namespace

LeaderLease::~LeaderLease() {
  if (bucket_ != nullptr) kvStore_Destroy(bucket_);
}

Result<std::unique_ptr<LeaderLease>> LeaderLease::Open(StreamConnection& connection,
                                                       std::string replica_name,
                                                       std::chrono::seconds lease, int replicas) {
  std::unique_ptr<LeaderLease> out(new LeaderLease(std::move(replica_name)));
  kvConfig config;
  kvConfig_Init(&config);
  config.Bucket = kLeaderBucket.data();
  config.History = 1;
  config.TTL = std::chrono::duration_cast<std::chrono::nanoseconds>(lease).count();
  config.StorageType = js_FileStorage;
  config.Replicas = replicas;
  RINGGRAPH_ASSIGN_OR_RETURN(out->bucket_, BindBucket(connection.jetstream(), config));
  return out;
}

Result<bool> LeaderLease::AcquireOrRenew() {
  const std::string& me = replica_name_;
  const int size = static_cast<int>(me.size());
  if (revision_ != 0) {
    std::uint64_t renewed = 0;
    const natsStatus s =
        kvStore_Update(&renewed, bucket_, kLeaderKey.data(), me.data(), size, revision_);
    if (s == NATS_OK) {
      revision_ = renewed;
      holder_ = me;
      return true;
    }
    revision_ = 0;  // stepped down: another replica may hold it by now
    holder_.clear();
    return NatsStatus(s, "renew the detection lease");
  }
  std::uint64_t created = 0;
  natsStatus s = kvStore_Create(&created, bucket_, kLeaderKey.data(), me.data(), size);
  if (s == NATS_OK) {
    revision_ = created;
    holder_ = me;
    return true;
  }
  kvEntry* entry = nullptr;
  const natsStatus read = kvStore_Get(&entry, bucket_, kLeaderKey.data());
  if (read == NATS_NOT_FOUND) {
    holder_.clear();  // lapsed between the two calls; the next call takes it
    return false;
  }
  if (read != NATS_OK) return NatsStatus(read, "read the detection lease");
  holder_ = kvEntry_ValueString(entry);
  const std::uint64_t revision = kvEntry_Revision(entry);
  kvEntry_Destroy(entry);
  if (holder_ != me) return false;
  // Our own name from before a restart: take it back rather than wait for it to lapse.
  s = kvStore_Update(&created, bucket_, kLeaderKey.data(), me.data(), size, revision);
  if (s != NATS_OK) return false;
  revision_ = created;
  return true;
}

void LeaderLease::Release() {
  if (revision_ == 0) return;
  kvStore_Delete(bucket_, kLeaderKey.data());
  revision_ = 0;
  holder_.clear();
}

std::string ClusteringPointer::ToJson() const {
  return nlohmann::json{{"version", version},
                        {"sha256", sha256},
                        {"chunks", chunks},
                        {"bytes", bytes},
                        {"first_sequence", first_sequence},
                        {"leader", leader}}
      .dump();
}

Result<ClusteringPointer> ClusteringPointer::FromJson(std::string_view json) {
  ClusteringPointer pointer;
  try {
    const nlohmann::json object = nlohmann::json::parse(json);
    pointer.version = object.at("version").get<std::uint64_t>();
    pointer.sha256 = object.at("sha256").get<std::string>();
    pointer.chunks = object.at("chunks").get<std::uint64_t>();
    pointer.bytes = object.at("bytes").get<std::uint64_t>();
    pointer.first_sequence = object.at("first_sequence").get<std::uint64_t>();
    pointer.leader = object.value("leader", std::string());
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption("the clustering pointer '" + std::string(json.substr(0, 200)) +
                              "' is not one: " + e.what());
  }
  return pointer;
}

ClusteringChannel::~ClusteringChannel() {
  if (meta_ != nullptr) kvStore_Destroy(meta_);
}

Result<std::unique_ptr<ClusteringChannel>> ClusteringChannel::Open(StreamConnection& connection,
                                                                   int replicas) {
  std::unique_ptr<ClusteringChannel> out(new ClusteringChannel(connection));
  RINGGRAPH_RETURN_IF_ERROR(
      connection
          .EnsureStream(kClusteringStream, std::string(kClusteringSubjectPrefix) + ">", replicas)
          .status());
  jsCtx* js = connection.jetstream();
  kvConfig config;
  kvConfig_Init(&config);
  config.Bucket = kClusteringMetaBucket.data();
  config.History = 1;
  config.StorageType = js_FileStorage;
  config.Replicas = replicas;
  RINGGRAPH_ASSIGN_OR_RETURN(out->meta_, BindBucket(js, config));
  return out;
}

Result<std::optional<ClusteringPointer>> ClusteringChannel::Current() {
  kvEntry* entry = nullptr;
  const natsStatus s = kvStore_Get(&entry, meta_, kCurrentClusteringKey.data());
  if (s == NATS_NOT_FOUND) return std::optional<ClusteringPointer>();
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(s, "read the clustering pointer"));
  const std::string json(static_cast<const char*>(kvEntry_Value(entry)),
                         static_cast<std::size_t>(kvEntry_ValueLen(entry)));
  const std::uint64_t revision = kvEntry_Revision(entry);
  kvEntry_Destroy(entry);
  RINGGRAPH_ASSIGN_OR_RETURN(ClusteringPointer pointer, ClusteringPointer::FromJson(json));
  pointer.revision = revision;
  return std::optional<ClusteringPointer>(std::move(pointer));
}

Status ClusteringChannel::PutPointer(const ClusteringPointer& pointer) {
  const std::string json = pointer.ToJson();
  return NatsStatus(kvStore_Put(nullptr, meta_, kCurrentClusteringKey.data(), json.data(),
                                static_cast<int>(json.size())),
                    "write the clustering pointer");
}

Result<ClusteringPointer> ClusteringChannel::Publish(std::uint64_t version, std::string_view bytes,
                                                     const std::string& leader) {
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<ClusteringPointer> previous, Current());
  ClusteringPointer pointer;
  pointer.version = version;
  pointer.sha256 = store::Sha256Hex(bytes);
  pointer.bytes = bytes.size();
  pointer.chunks = std::max<std::uint64_t>(
      1, (bytes.size() + kClusteringChunkBytes - 1) / kClusteringChunkBytes);
  pointer.leader = leader;
  const std::string subject = std::string(kClusteringSubjectPrefix) + std::to_string(version);
  const std::string version_text = std::to_string(version);
  const std::string chunks_text = std::to_string(pointer.chunks);
  for (std::uint64_t chunk = 0; chunk < pointer.chunks; ++chunk) {
    const std::string_view part = bytes.substr(
        std::min<std::size_t>(bytes.size(), chunk * kClusteringChunkBytes), kClusteringChunkBytes);
    natsMsg* message = nullptr;
    RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsMsg_Create(&message, subject.c_str(), nullptr,
                                                        part.data(), static_cast<int>(part.size())),
                                         "clustering chunk"));
    std::unique_ptr<natsMsg, void (*)(natsMsg*)> owned(message, natsMsg_Destroy);
    const std::string chunk_text = std::to_string(chunk);
    natsMsgHeader_Set(message, kVersionHeader, version_text.c_str());
    natsMsgHeader_Set(message, kChunkHeader, chunk_text.c_str());
    natsMsgHeader_Set(message, kChunksHeader, chunks_text.c_str());
    natsMsgHeader_Set(message, kDigestHeader, pointer.sha256.c_str());
    jsPubAck* ack = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    RINGGRAPH_RETURN_IF_ERROR(NatsStatus(
        js_PublishMsg(&ack, connection_.jetstream(), message, nullptr, &code),
        "publish clustering chunk " + chunk_text + " of " + chunks_text + " to " + subject));
    if (chunk == 0) pointer.first_sequence = ack->Sequence;
    jsPubAck_Destroy(ack);
  }
  RINGGRAPH_RETURN_IF_ERROR(PutPointer(pointer));
  // The previous version's chunks stay for followers fetching them now; older ones go.
  if (previous.has_value() && previous->first_sequence > 1 &&
      previous->first_sequence < pointer.first_sequence) {
    jsOptions options;
    jsOptions_Init(&options);
    options.Stream.Purge.Sequence = previous->first_sequence;
    jsErrCode code = static_cast<jsErrCode>(0);
    js_PurgeStream(connection_.jetstream(), kClusteringStream.data(), &options, &code);
  }
  return pointer;
}

Result<std::string> ClusteringChannel::Fetch(const ClusteringPointer& pointer) {
  const std::string subject =
      std::string(kClusteringSubjectPrefix) + std::to_string(pointer.version);
  auto corrupt = [&](const std::string& what) {
    return Status::Corruption("clustering version " + std::to_string(pointer.version) +
                              " (stream sequence " + std::to_string(pointer.first_sequence) + ", " +
                              std::to_string(pointer.chunks) + " chunks): " + what);
  };
  if (pointer.chunks == 0 || pointer.chunks > pointer.bytes / kClusteringChunkBytes + 1) {
    return corrupt("a chunk count that does not fit " + std::to_string(pointer.bytes) + " bytes");
  }
  std::string bytes;
  // The pointer's size is a claim until the digest is checked: reserve no more than a sane
  // clustering's worth, and stop reading past it.
  bytes.reserve(std::min<std::uint64_t>(pointer.bytes, std::uint64_t{64} << 20));
  std::uint64_t next_chunk = 0;
  std::string other_digest;
  // Chunks are published in order; messages of other versions may come between them.
  const std::uint64_t last_sequence = pointer.first_sequence + pointer.chunks + 1000;
  for (std::uint64_t sequence = pointer.first_sequence;
       next_chunk < pointer.chunks && sequence < last_sequence; ++sequence) {
    natsMsg* message = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus s = js_GetMsg(&message, connection_.jetstream(), kClusteringStream.data(),
                                   sequence, nullptr, &code);
    if (s == NATS_NOT_FOUND) {
      if (next_chunk == 0) {
        return Status::NotFound("clustering version " + std::to_string(pointer.version) +
                                ": stream sequence " + std::to_string(sequence) +
                                " is gone (purged, or the pointer is wrong)");
      }
      break;
    }
    RINGGRAPH_RETURN_IF_ERROR(
        NatsStatus(s, "read clustering chunk at stream sequence " + std::to_string(sequence)));
    std::unique_ptr<natsMsg, void (*)(natsMsg*)> owned(message, natsMsg_Destroy);
    if (subject != natsMsg_GetSubject(message)) continue;
    if (HeaderOf(message, kVersionHeader) != std::to_string(pointer.version) ||
        HeaderOf(message, kChunksHeader) != std::to_string(pointer.chunks) ||
        HeaderOf(message, kDigestHeader) != pointer.sha256) {
      // A chunk of another publication of this version number, or the pointer is wrong.
      other_digest = HeaderOf(message, kDigestHeader);
      continue;
    }
    if (HeaderOf(message, kChunkHeader) != std::to_string(next_chunk)) {
      return corrupt("chunk " + HeaderOf(message, kChunkHeader) + " where chunk " +
                     std::to_string(next_chunk) + " was expected");
    }
    if (bytes.size() + static_cast<std::size_t>(natsMsg_GetDataLength(message)) > pointer.bytes) {
      return corrupt("chunks hold more than the pointer's " + std::to_string(pointer.bytes) +
                     " bytes");
    }
    bytes.append(natsMsg_GetData(message),
                 static_cast<std::size_t>(natsMsg_GetDataLength(message)));
    ++next_chunk;
  }
  if (next_chunk == 0 && !other_digest.empty()) {
    return corrupt("its chunks on the stream carry SHA-256 " + other_digest +
                   ", not the pointer's " + pointer.sha256);
  }
  if (next_chunk != pointer.chunks) {
    return corrupt("found " + std::to_string(next_chunk) + " of the chunks");
  }
  if (bytes.size() != pointer.bytes) {
    return corrupt(std::to_string(bytes.size()) + " bytes where the pointer says " +
                   std::to_string(pointer.bytes));
  }
  const std::string digest = store::Sha256Hex(bytes);
  if (digest != pointer.sha256) {
    return corrupt("SHA-256 " + digest + " does not match the pointer's " + pointer.sha256);
  }
  return bytes;
}

}  // namespace ringgraph::stream
