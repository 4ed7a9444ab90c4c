// For tests of the detection phases that run after the projection: a store to add records to,
// and what such a phase reads from it, taken as DetectionJob takes it but with value weights
// that do not decay with age (so that fixtures need not mind the clock).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/temp_dir.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct PhaseInputs {
  std::unique_ptr<store::StoreSnapshot> snapshot;
  projection::ProjectionOptions projection;
  std::unique_ptr<projection::ValueWeights> weights;
  std::unique_ptr<PopulationProfile> population;
};

inline Result<PhaseInputs> ReadPhaseInputs(store::AccountStore& store) {
  PhaseInputs in;
  RINGGRAPH_ASSIGN_OR_RETURN(in.snapshot, store.Snapshot());
  in.projection.half_life_days = 0;
  RINGGRAPH_ASSIGN_OR_RETURN(projection::ValueWeights weights,
                             projection::ComputeValueWeights(*in.snapshot, in.projection));
  in.weights = std::make_unique<projection::ValueWeights>(std::move(weights));
  RINGGRAPH_ASSIGN_OR_RETURN(PopulationProfile population, PopulationProfile::Build(*in.snapshot));
  in.population = std::make_unique<PopulationProfile>(std::move(population));
  return in;
}

inline std::string Name(const char* prefix, int i) { return prefix + std::to_string(i); }

// A fixture: records added with Record() are ingested by Ingest(), which then reads in_.
class PhaseTest : public ::testing::Test {
 protected:
  static constexpr UnixSeconds kStart = 1'790'000'000;
  static constexpr UnixSeconds kDay = 86'400;

  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }
  // A record of `account` with `value` in the first bytes of the value.
  store::StoreRecord& Record(const std::string& account, KindCode kind, std::uint32_t value,
                             UnixSeconds ts) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord& r = pending_.emplace_back();
    r.account = *names_.back();
    r.kind = kind;
    r.ts = ts;
    r.value.fill(0);
    std::memcpy(r.value.data(), &value, sizeof value);
    return r;
  }
  void Ingest() {
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
    auto in = ReadPhaseInputs(*store_);
    ASSERT_TRUE(in.ok()) << in.status().ToString();
    in_ = std::move(in).value();
  }
  AccountId Id(const std::string& name) { return **in_.snapshot->FindAccount(name); }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
  PhaseInputs in_;
};

}  // namespace ringgraph::detection
