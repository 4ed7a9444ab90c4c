// The logistic ring score and member evidence. See ring_scorer.h for the model and why.
#include "graph/detection/ring_scorer.h"

#include <algorithm>
#include <cmath>

namespace ringgraph::detection {
namespace {

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }
// How far a percentile is above the median, in [0, 1].
double AboveMedian(double percentile) { return Clamp01(2.0 * percentile - 1.0); }
double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

const char* FactorName(Factor factor) {
  static constexpr const char* kNames[kFactorCount] = {
      "volume",   "pace",  "burst",         "lockstep",
      "campaign", "reuse", "rotation",      "reuse_with_rotation",
      "young",    "size",  "known_campaign"};
  return kNames[static_cast<int>(factor)];
}

std::array<double, kFactorCount> FactorValues(const ClusterFeatures& f, const ScoringWeights& w) {
  std::array<double, kFactorCount> x{};
  x[static_cast<int>(Factor::kVolume)] = AboveMedian(f.volume);
  x[static_cast<int>(Factor::kPace)] = AboveMedian(f.pace);
  x[static_cast<int>(Factor::kBurst)] = AboveMedian(f.burst);
  x[static_cast<int>(Factor::kLockstep)] =
      Clamp01(f.lockstep) * (f.co_located ? Clamp01(f.operator_reuse) : 1.0);
  x[static_cast<int>(Factor::kCampaign)] = Clamp01(f.campaign);
  x[static_cast<int>(Factor::kReuse)] = Clamp01(f.reuse);
  x[static_cast<int>(Factor::kRotation)] = Clamp01(f.rotation);
  x[static_cast<int>(Factor::kReuseWithRotation)] = Clamp01(f.reuse_with_rotation);
  x[static_cast<int>(Factor::kYoung)] = AboveMedian(f.young);
  x[static_cast<int>(Factor::kSize)] = Clamp01(
      std::log(static_cast<double>(std::max<std::uint32_t>(f.size, 1))) / std::log(w.size_scale));
  x[static_cast<int>(Factor::kKnownCampaign)] = Clamp01(f.known_campaign);
  return x;
}

RingScore RingScorer::Score(const ClusterFeatures& f) const {
  const std::array<double, kFactorCount> x = FactorValues(f, weights_);
  RingScore out;
  double z = weights_.bias;
  for (int i = 0; i < kFactorCount; ++i) {
    const double contribution = weights_.factor[i] * x[i];
    out.factors.push_back({FactorName(static_cast<Factor>(i)), x[i], contribution});
    z += contribution;
  }
  out.logit = z;
  out.score = Sigmoid(z);
  out.flagged = out.score >= weights_.flag_threshold;
  std::stable_sort(
      out.factors.begin(), out.factors.end(),
      [](const ScoreFactor& a, const ScoreFactor& b) { return a.contribution > b.contribution; });
  return out;
}

std::vector<RingScorer::MemberJudgement> RingScorer::JudgeMembers(const ClusterFeatures& f,
                                                                  const RingScore& score) const {
  std::vector<double> inside;
  for (const MemberFeatures& m : f.members) inside.push_back(m.internal_weight);
  double median_inside = 0;
  if (!inside.empty()) {
    std::nth_element(inside.begin(), inside.begin() + inside.size() / 2, inside.end());
    median_inside = inside[inside.size() / 2];
  }
  const double cluster_volume = AboveMedian(f.volume), cluster_pace = AboveMedian(f.pace);
  std::vector<MemberJudgement> judged;
  judged.reserve(f.members.size());
  for (const MemberFeatures& m : f.members) {
    double d = 0;
    if (m.has_prompts) {
      d += weights_[Factor::kVolume] * (AboveMedian(m.volume) - cluster_volume);
      d += weights_[Factor::kPace] * (AboveMedian(m.pace) - cluster_pace);
      d += weights_[Factor::kCampaign] * (Clamp01(m.campaign) - Clamp01(f.campaign));
      d += weights_[Factor::kKnownCampaign] *
           (Clamp01(m.known_campaign) - Clamp01(f.known_campaign));
    }
    // Its own identity pattern, whether or not it has prompts: an honest customer of the ring's
    // proxy provider rotates over the same exits but reuses none of the ring's cards or hosts.
    // A member seen on one exit only keeps the cluster's rotation: that says nothing either way.
    const double rotation = m.rotation_known ? Clamp01(m.rotation) : Clamp01(f.rotation);
    d += weights_[Factor::kReuse] * (Clamp01(m.reuse) - Clamp01(f.reuse));
    d += weights_[Factor::kRotation] * (rotation - Clamp01(f.rotation));
    d += weights_[Factor::kReuseWithRotation] *
         (Clamp01(m.operator_reuse) * rotation - Clamp01(f.reuse_with_rotation));
    if (median_inside > 0) {
      const double ratio = std::max(m.internal_weight, 1e-9) / median_inside;
      d += weights_.tie_weight * std::clamp(std::log(ratio), -3.0, 0.0);
    }
    MemberJudgement j;
    j.evidence = Sigmoid(score.logit + d);
    j.deviation = d;
    judged.push_back(j);
  }
  // The ring's core: the members whose own evidence reaches the threshold. A member is measured
  // against the cluster and against the core's median member, whichever is higher: in a cluster
  // that is a mixture - a ring and the honest customers of its proxy, tied in by the same exits -
  // the cluster's logit is the mixture's average, and a customer far below the ring's members
  // is only somewhat below that average.
  std::vector<double> core;
  for (const MemberJudgement& j : judged) {
    if (j.evidence >= weights_.flag_threshold) core.push_back(score.logit + j.deviation);
  }
  double reference = score.logit;
  if (!core.empty()) {
    std::nth_element(core.begin(), core.begin() + core.size() / 2, core.end());
    reference = std::max(reference, core[core.size() / 2]);
  }
  for (MemberJudgement& j : judged) {
    j.keeps_flag = j.evidence >= weights_.flag_threshold ||
                   score.logit + j.deviation >= reference - weights_.member_margin;
  }
  return judged;
}

}  // namespace ringgraph::detection
