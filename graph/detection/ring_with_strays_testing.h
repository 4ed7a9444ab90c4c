// For tests of membership odds and stray attachment: a population with a ring whose last members
// share none of its hosts, and its look-alikes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/detection/membership_odds.h"
#include "graph/detection/phase_inputs_testing.h"

namespace ringgraph::detection {

// A ring of 24 that rotates over six proxy exits and sends two templates; its first 20 members
// also share an automation host, its last four (the strays) do not. Beside it: 60 customers of
// the same proxy provider, each on one of its 20 exits and on a popular template; a second ring
// of ten on the same two templates but other exits and its own host, whose last member shares
// no host either; a heavy customer of the provider on all six of the ring's exits; and 300
// accounts of their own.
class RingWithStraysTest : public PhaseTest {
 protected:
  static constexpr int kRing = 24;
  static constexpr int kHeld = 20;  // members on the host

  void BuildPopulation() {
    for (int i = 0; i < kRing; ++i) {
      const std::string a = Name("r", i);
      Record(a, kIpKind, 500 + static_cast<std::uint32_t>(i % 6), kStart);
      Record(a, kIpKind, 500 + static_cast<std::uint32_t>((i + 2) % 6), kStart);
      if (i < kHeld) Record(a, kDeviceKind, 800, kStart);
      Prompts(a, {700, 701});
    }
    for (int i = 0; i < 10; ++i) {
      const std::string a = Name("o", i);
      Record(a, kIpKind, 510 + static_cast<std::uint32_t>(i % 6), kStart);
      Record(a, kIpKind, 510 + static_cast<std::uint32_t>((i + 2) % 6), kStart);
      if (i < 9) Record(a, kDeviceKind, 801, kStart);
      Prompts(a, {700, 701});
    }
    for (int i = 0; i < 60; ++i) {
      const std::string a = Name("c", i);
      Record(a, kIpKind, 500 + static_cast<std::uint32_t>(i % 20), kStart);
      Prompts(a, {900});
    }
    for (std::uint32_t exit = 500; exit < 506; ++exit) Record("heavy", kIpKind, exit, kStart);
    Prompts("heavy", {900});
    for (int i = 0; i < 300; ++i) {
      const std::string a = Name("b", i);
      Record(a, kPaymentKind, 10'000 + static_cast<std::uint32_t>(i), kStart);
      Record(a, kIpKind, 20'000 + static_cast<std::uint32_t>(i), kStart);
      Prompts(a, {900});
    }
    Ingest();
  }
  void Prompts(const std::string& a, const std::vector<std::uint32_t>& templates) {
    for (int p = 0; p < 6; ++p) {
      Record(a, kTemplateKind, templates[static_cast<std::size_t>(p) % templates.size()],
             kStart + p * kDay)
          .counts_prompt = true;
    }
  }
  std::vector<AccountId> Ids(const char* prefix, int from, int to) {
    std::vector<AccountId> ids;
    for (int i = from; i < to; ++i) ids.push_back(Id(Name(prefix, i)));
    return ids;
  }
  double OutsiderOdds(const MembershipOdds& odds, const GroupValues& group, AccountId a) {
    std::vector<SignalId> held;
    EXPECT_TRUE(odds.Evidence(a, &held).ok());
    return odds.Judge(held, group, /*member=*/false).log_odds();
  }
};

}  // namespace ringgraph::detection
