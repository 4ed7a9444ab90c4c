// The odds that an account is a member of a group, read from the values it holds against the
// population: a naive Bayes test of membership.
//
// For a group C of n members and a value v held by c_v of them and by h_v accounts in all,
// among N accounts:
//     p_v = (c_v + 1/2) / (n + 1)                          how often a member of C holds v
//     q_v = max(h_v - c_v - [the account holds v], 1/2) / N   how often anyone else does
//     log-odds(account in C) = ln(n / (N - n))
//                            + sum over the values C's members hold that the account holds of
//                              ln(p_v / q_v)
//                            + sum over those it does not hold of ln((1 - p_v) / (1 - q_v))
// over every evidence kind (cards, devices, addresses, templates and declared kinds: those the
// projection weighs above 0), generic values included, as their rates make them count for little.
// The prior ln(n / (N - n)) is the chance that a random account is in C, so the test reads the
// same at 20k and at 1M accounts: a value one account in a thousand holds is worth ln(1000 p_v)
// wherever it is. Values the account holds that no member of C holds are left out: they say as
// little about C as about anyone (members have lives of their own). For a member of C itself,
// C is counted without it (leave one out).
//
// The values fall in two families: identity (cards, devices, addresses, declared kinds) and
// behaviour (the profile kinds: templates). Naive Bayes takes values as independent, and values
// of one family are not: a customer of a ring's proxy provider draws several exits from the
// pool the ring rotates over, and each of them counts as if it were drawn alone. So an account
// is a likely member only when the posterior log-odds are above 0 AND neither family, read
// alone, speaks against it (its log-likelihood ratio is at least 0): the exits of a provider's
// customer say "member", its behaviour says "not".
//
// What it weighs: an honest proxy customer that shares one exit with a ring gains about
// ln(p_v N / h_v) from it and loses ln(1 - p_t) for each template of the ring it does not send;
// a ring member gains for each of its exits and each of the ring's templates it sends. Two
// values of a ring, each held by a few hundred accounts of a million, are together stronger
// evidence than one card: what a sum of pair weights cannot tell, a product of rates does.
//
// Thread safety: immutable after construction apart from the snapshot reads; one thread.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

// A group's members, counted per evidence value.
struct GroupValues {
  std::uint32_t size = 0;
  // (value, members holding it), ascending by value.
  std::vector<std::pair<SignalId, std::uint32_t>> holding;
  // Sums over `holding` of the absence term, for an outsider: identity and behaviour values.
  double absent_identity = 0;
  double absent_behaviour = 0;
};

// The terms of the log-odds.
struct MembershipEvidence {
  double prior = 0;      // ln(n / (N - n))
  double identity = 0;   // log-likelihood ratio of the identity values
  double behaviour = 0;  // of the behaviour values
  double log_odds() const { return prior + identity + behaviour; }
  // More likely a member than not, and neither family against it.
  bool likely(double min_log_odds = 0) const {
    return log_odds() > min_log_odds && identity >= 0 && behaviour >= 0;
  }
};

class MembershipOdds {
 public:
  // `weights` gives each value's kind and holder count, and the population's size; `projection`
  // the evidence kinds.
  MembershipOdds(const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
                 const projection::ProjectionOptions& projection);

  // The evidence values `account` holds, ascending.
  Status Evidence(AccountId account, std::vector<SignalId>* out) const;
  // The members of a group, counted.
  Result<GroupValues> Count(std::span<const AccountId> members) const;
  GroupValues Count(std::uint32_t size,
                    std::vector<std::pair<SignalId, std::uint32_t>> holding) const;

  // The log-odds above for an account holding `held` (ascending), by term. With `member`, the
  // account is one of the group's counted members, and the group is read without it.
  MembershipEvidence Judge(const std::vector<SignalId>& held, const GroupValues& group,
                           bool member) const;

 private:
  double Absent(std::uint32_t holding, std::uint32_t size, std::uint32_t holders) const;
  bool Behaviour(SignalId v) const;

  const store::StoreSnapshot& snapshot_;
  const projection::ValueWeights& weights_;
  const projection::ProjectionOptions& projection_;
  double accounts_;
};

}  // namespace ringgraph::detection
