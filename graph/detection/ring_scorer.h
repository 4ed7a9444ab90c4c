// The ring score of a cluster: how much it looks like one actor's extraction ring.
//
// The score is a logistic model over normalised cluster features, so every factor's pull on the
// decision can be shown to an analyst:
//
//   score = 1 / (1 + exp(-z)),   z = bias + sum_i weight_i * x_i
//
//   x_volume    min(1, ln(1 + prompts per member) / ln(1 + volume_scale))
//   x_template  share of members' prompts on the cluster's top template
//   x_young     fraction of members first seen well into the window
//   x_burst     1 - min(1, median member span / burst_scale_days)
//   x_identity  the strongest of payment/device sharing among members, counted only past
//               family size: max(payment, device).shared_fraction * min(1, (size - 2) / 6)
//   x_proxy     ip sharing spread over many values: ip.shared_fraction * min(1, ip values per
//               member / 3) — rotating residential exits, each shared by a few ring accounts
//   x_size      min(1, ln(size) / ln(size_scale))
//
// Why these: DOMAIN.md's honest look-alikes share values too (offices share IP, card and
// templates; labs share campus IP and harness templates; families share card and device), so
// sharing alone cannot flag. What they lack is the ring's behaviour: heavy, bursty volume from
// young accounts concentrated on a few templates, and identity reuse past what a family does.
// A confirmed-ring label sets the score to 1; a benign label multiplies it by benign_damping.
//
// Thread safety: immutable after construction; Score() may run on many threads.
#pragma once

#include <string>
#include <vector>

#include "graph/detection/cluster_features.h"

namespace ringgraph::detection {

struct ScoringWeights {
  double bias = -6.0;
  double volume = 3.0;
  double template_share = 2.5;
  double young = 2.5;
  double burst = 1.5;
  double identity = 2.0;
  double proxy = 1.5;
  double size = 1.0;
  double volume_scale = 200;      // prompts per member that count as "heavy"
  double burst_scale_days = 30;
  double size_scale = 50;
  double flag_threshold = 0.5;
  double benign_damping = 0.2;
};

struct ScoreFactor {
  std::string name;    // "volume", "template", ...
  double value = 0;    // x_i in [0, 1]
  double contribution = 0;  // weight_i * x_i
};

struct RingScore {
  double score = 0;
  bool flagged = false;
  std::vector<ScoreFactor> factors;  // strongest contribution first
};

class RingScorer {
 public:
  explicit RingScorer(ScoringWeights weights = {}) : weights_(weights) {}
  RingScore Score(const ClusterFeatures& features) const;
  const ScoringWeights& weights() const { return weights_; }

 private:
  ScoringWeights weights_;
};

}  // namespace ringgraph::detection
