// A fixture for the phases that work on pieces of rings (piece_reassembly.h, piece_adoption.h):
// pieces of accounts on one card each that rotate through a run of exits on a run of days, the
// strangers the population's baseline is measured on, and memberships naming the pieces.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "graph/detection/phase_inputs_testing.h"

namespace ringgraph::detection {

class RingPiecesTest : public PhaseTest {
 protected:
  void Add(const std::string& account, KindCode kind, std::uint32_t value) {
    Record(account, kind, value, kStart + static_cast<UnixSeconds>(pending_.size()));
  }
  void Prompt(const std::string& account, UnixSeconds ts) {
    store::StoreRecord& r = Record(account, kPromptKind, 0, ts);
    r.has_signal = false;
    r.counts_prompt = true;
  }
  // `size` accounts on one card of their own; member i rotates through exits
  // first_exit + (i .. i + 2) mod exits, and every member sends prompts on the ten days from
  // `first_day` (one operator's rhythm).
  void AddPiece(const char* prefix, int size, std::uint32_t card, std::uint32_t first_exit,
                int exits, int first_day = 0) {
    for (int i = 0; i < size; ++i) {
      const std::string a = Name(prefix, i);
      Add(a, kPaymentKind, card);
      for (int k = 0; k < 3; ++k) {
        Add(a, kIpKind, first_exit + static_cast<std::uint32_t>((i + k) % exits));
      }
      for (int d = 0; d < 10; ++d) Prompt(a, kStart + (first_day + d) * kDay + i * 60);
    }
  }
  // Accounts of their own (own card, own address) active on three days each, spread over a
  // year: the population the overlaps are measured against.
  void AddStrangers(int count) {
    for (int i = 0; i < count; ++i) {
      Add(Name("s", i), kPaymentKind, 10'000 + static_cast<std::uint32_t>(i));
      Add(Name("s", i), kIpKind, 20'000 + static_cast<std::uint32_t>(i));
      for (int d = 0; d < 3; ++d) Prompt(Name("s", i), kStart + ((i * 37 + d * 101) % 365) * kDay);
    }
  }
  // Every account in cluster `rest`, then the members of each piece named in cluster 0, 1, ...
  std::vector<ClusterIndex> Membership(const std::vector<std::pair<const char*, int>>& pieces,
                                       ClusterIndex rest) {
    std::vector<ClusterIndex> membership(in_.snapshot->num_accounts(), rest);
    for (ClusterIndex c = 0; c < pieces.size(); ++c) {
      for (int i = 0; i < pieces[c].second; ++i) membership[Id(Name(pieces[c].first, i))] = c;
    }
    return membership;
  }
};

}  // namespace ringgraph::detection
