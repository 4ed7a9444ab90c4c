// The ring score of a cluster - how much it looks like one actor's extraction ring - and the
// evidence of each of its members.
//
// The score is a logistic model over cluster features that are all in [0, 1] and measured
// against the population (cluster_features.h), so every factor's pull on the decision can be
// shown to an analyst and the same weights hold at any scale:
//
//   score = 1 / (1 + exp(-z)),   z = bias + sum_i weight_i * x_i
//
//   x_volume    how far the median member's prompt volume is above the population's median:
//               max(0, 2 * percentile - 1); likewise x_pace (prompts per active day), x_burst
//               (share of prompts in the busiest week) and x_young (first-seen time)
//   x_lockstep  how much more the members' active days overlap than random accounts' do; for
//               members in one place (ClusterFeatures::co_located) times the share of
//               members run as an operator's (reusing, or behind an automation host)
//   x_campaign  the share of the members' prompts on non-generic templates several use
//   x_reuse     members sharing a card or device with a few others (a card farm, not a family)
//   x_rotation  members rotating over shared exits that each lead to different accounts
//   x_reuse_with_rotation  members doing both: reusing a card or device with a few others (or
//               sharing an automation host with many) and rotating over exits - one
//               operator's accounts. Honest groups do one or the other (a family shares a
//               card behind one home NAT, an office its laptops behind one office NAT, a proxy
//               service's customers share exits and nothing else)
//   x_size      min(1, ln(size) / ln(size_scale))
//   x_known_campaign  the share of the members' prompts on known extraction templates: the
//               templates confirmed rings ran (held by more confirmed ring accounts than benign
//               ones), and the templates this run's flagged rings ran that are held mostly by
//               members of flagged clusters (detection_job.h, "campaigns"). Only other rings'
//               templates count for a cluster, so that neither a label nor a flag teaches the
//               score its own answer
//
// Why these: DOMAIN.md's honest look-alikes share values too (offices an IP, a card and tools;
// labs a campus and harness templates; families a card and a device), so sharing one value by
// everyone cannot flag. What they lack is the ring's behaviour - heavy, paced, bursty volume
// from accounts acting in lockstep on a campaign of templates - and its identity pattern: many
// cards, hosts and exits, each reused across a few accounts. The default weights were fitted,
// non-negative, on `ringctl gen` populations across its sweep of ring sizes, share rates,
// template counts and volumes, and rounded; analysts' labels refit them (label_learner.h).
// How they were set: from DOMAIN.md, behaviour (volume, pace, lockstep, campaign) and the ring's
// identity pattern (reuse, rotation) carry most of the weight, burst less (it needs a long
// window to show), first-seen time and size little (young accounts and large groups are weak
// evidence alone); the bias puts the threshold where one family of strong evidence at its
// extreme, or two at their middle, flag a cluster: behaviour (volume, pace, burst, lockstep,
// campaign), identity (reuse, rotation, and both at once: 2 + 3 + 5 > 9.5, so a ring that
// sends no more than an honest user - a low-and-slow ring - is still flagged by how its
// accounts are run), or campaign (the share of prompts on templates the members share, 2.5,
// and on other rings' known extraction templates, 7: 9.5 at their extreme, so a group whose
// every prompt runs the templates other rings run is flagged by that alone, whatever its
// volume). A regularised fit on `ringctl gen` populations across its sweep (README, "Detection
// quality"), with these as the prior, moved no weight by more than 0.2, so they were kept;
// reuse_with_rotation and known_campaign, added or raised later, have the weights that rule
// gives them, not fitted ones (known_campaign was 3, and the campaign family could not flag at
// its extreme).
//
// Member evidence: a member of a flagged cluster is judged on its own evidence too. Its logit
// is the cluster's, moved by how its own volume, pace, campaign and known-campaign shares differ
// from the cluster's (with the same weights; a member with no prompts yet keeps the cluster's,
// since its behaviour says nothing either way), by how its own identity pattern differs - the
// cluster's reuse, rotation and reuse with rotation are shares of members, so a member that
// reuses none of the ring's cards or hosts gets none of that weight (a member seen on fewer than
// two shared exits keeps the cluster's rotation) - and by how weakly it is tied in compared with
// the median member (its graph weight inside the cluster, W_m against the median W):
//   z_m = z + d_m,  d_m = sum_{volume,pace,campaign,known_campaign} w_i (x_i,m - x_i)
//                         + w_reuse (r_m - x_reuse) + w_rotation (o_m - x_rotation)
//                         + w_reuse_with_rotation (h_m o_m - x_reuse_with_rotation)
//                         + tie_weight * max(-3, min(0, ln(W_m / W_median)))
// with r_m in {0, 1} whether the member reuses, h_m whether it reuses or sits behind an
// automation host with others (MemberFeatures::operator_reuse), and o_m its rotation.
// The member's evidence is sigmoid(z_m). In a flagged cluster a member is left unflagged only
// when it is clearly unlike the ring: its evidence is below the flag threshold AND its log-odds
// are more than member_margin below the ring's (3 is a twentyfold drop in odds), so the ordinary
// spread of a ring's members never unflags them in a cluster that is flagged only just. The
// ring's log-odds are the higher of the cluster's z and the median z_m of its core, the members
// whose own evidence reaches the threshold: in a mixture of a ring and the honest customers of
// its proxy, the cluster's z is the mixture's average, and a customer twentyfold below the
// ring's members can be only a few times below that average. An honest proxy customer that shares
// exits with a hydra ring, and neither its behaviour nor its cards, is left out; a new account on
// the ring's card, with no prompts yet, is not.
//
// Thread safety: immutable after construction; Score() may run on many threads.
#pragma once

#include <string>
#include <vector>

#include "graph/detection/cluster_features.h"

namespace ringgraph::detection {

// The factors in a fixed order; ScoringWeights::factor and FactorValues use it.
enum class Factor {
  kVolume,
  kPace,
  kBurst,
  kLockstep,
  kCampaign,
  kReuse,
  kRotation,
  kReuseWithRotation,
  kYoung,
  kSize,
  kKnownCampaign
};
inline constexpr int kFactorCount = 11;
// "volume", "pace", "burst", "lockstep", "campaign", "reuse", "rotation", "reuse_with_rotation",
// "young", "size", "known_campaign".
const char* FactorName(Factor factor);

struct ScoringWeights {
  double bias = -9.5;
  // In Factor order: volume, pace, burst, lockstep, campaign, reuse, rotation,
  // reuse_with_rotation, young, size, known_campaign.
  std::array<double, kFactorCount> factor = {3.0, 3.0, 1.5, 3.0, 2.5, 2.0, 3.0, 5.0, 0.5, 0.5, 7.0};
  double tie_weight = 1.0;
  double member_margin = 3.0;
  double size_scale = 50;
  double flag_threshold = 0.5;
  double benign_damping = 0.2;

  double& operator[](Factor f) { return factor[static_cast<int>(f)]; }
  double operator[](Factor f) const { return factor[static_cast<int>(f)]; }
};

// x_i of a cluster, in Factor order.
std::array<double, kFactorCount> FactorValues(const ClusterFeatures& features,
                                              const ScoringWeights& weights);

struct ScoreFactor {
  std::string name;         // "volume", "campaign", ...
  double value = 0;         // x_i in [0, 1]
  double contribution = 0;  // weight_i * x_i
};

struct RingScore {
  double score = 0;
  double logit = 0;
  bool flagged = false;
  std::vector<ScoreFactor> factors;  // strongest contribution first
};

class RingScorer {
 public:
  explicit RingScorer(ScoringWeights weights = {}) : weights_(weights) {}
  RingScore Score(const ClusterFeatures& features) const;
  // Each member's evidence (sigmoid of z_m above) and whether it stays flagged with a flagged
  // cluster, in the order of features.members.
  struct MemberJudgement {
    double evidence = 0;
    double deviation = 0;  // d_m
    bool keeps_flag = true;
  };
  std::vector<MemberJudgement> JudgeMembers(const ClusterFeatures& features,
                                            const RingScore& score) const;
  const ScoringWeights& weights() const { return weights_; }

 private:
  ScoringWeights weights_;
};

}  // namespace ringgraph::detection
