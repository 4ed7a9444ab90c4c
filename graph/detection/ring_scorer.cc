// The logistic ring score. See ring_scorer.h for the formula and why.
#include "graph/detection/ring_scorer.h"

#include <algorithm>
#include <cmath>

namespace ringgraph::detection {

RingScore RingScorer::Score(const ClusterFeatures& f) const {
  const ScoringWeights& w = weights_;
  auto clamp01 = [](double x) { return std::clamp(x, 0.0, 1.0); };
  const double x_volume =
      clamp01(std::log1p(f.prompts_per_member) / std::log1p(w.volume_scale));
  const double x_template = clamp01(f.top_template_share);
  const double x_young = clamp01(f.young_fraction);
  const double x_burst = 1.0 - clamp01(f.median_span_days / w.burst_scale_days);
  const double past_family = clamp01((static_cast<double>(f.size) - 2.0) / 6.0);
  const double x_identity =
      clamp01(std::max(f.payment.shared_fraction, f.device.shared_fraction) * past_family);
  const double x_proxy = clamp01(f.ip.shared_fraction * clamp01(f.ip.values_per_member / 3.0));
  const double x_size = clamp01(std::log(static_cast<double>(std::max<std::uint32_t>(f.size, 1))) /
                                std::log(w.size_scale));
  RingScore out;
  out.factors = {{"volume", x_volume, w.volume * x_volume},
                 {"template", x_template, w.template_share * x_template},
                 {"young", x_young, w.young * x_young},
                 {"burst", x_burst, w.burst * x_burst},
                 {"identity", x_identity, w.identity * x_identity},
                 {"proxy", x_proxy, w.proxy * x_proxy},
                 {"size", x_size, w.size * x_size}};
  double z = w.bias;
  for (const ScoreFactor& factor : out.factors) z += factor.contribution;
  out.score = 1.0 / (1.0 + std::exp(-z));
  out.flagged = out.score >= w.flag_threshold;
  std::sort(out.factors.begin(), out.factors.end(),
            [](const ScoreFactor& a, const ScoreFactor& b) { return a.contribution > b.contribution; });
  return out;
}

}  // namespace ringgraph::detection
