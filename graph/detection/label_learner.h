// Learns the ring score's weights from analysts' labels.
//
// Analysts confirm rings and mark honest groups benign (`ringctl label`, the `label` API). Once
// there are enough labelled clusters, detection refits the score's logistic weights on them:
// a regularised logistic regression whose prior is the default weights, so that a few labels
// move the weights a little and many labels move them as far as the data says,
//
//   minimise  sum_i L(y_i, sigmoid(b + w . x_i)) + (lambda / 2) |w - w0|^2 + (lambda_b / 2)(b -
//   b0)^2
//
// with x_i the cluster's factor values (ring_scorer.h), L the log loss, (w0, b0) the prior and
// lambda = prior_strength (lambda_b a tenth of it: the base rate moves more freely). It is solved
// by Newton's method (ten parameters). The fit is reported with k-fold cross-validated precision
// and recall at the flag threshold, so an analyst sees whether the labels taught it anything;
// it is applied only with at least `min_labels` labelled clusters and `min_per_class` of each
// verdict.
//
// Thread safety: immutable after construction; Fit() is a pure function of its input.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "graph/detection/ring_scorer.h"

namespace ringgraph::detection {

struct LabelledCluster {
  std::array<double, kFactorCount> x{};  // FactorValues() of the cluster
  bool ring = false;
};

struct LabelLearningOptions {
  std::size_t min_labels = 10;
  std::size_t min_per_class = 3;
  double prior_strength = 1.0;
  std::size_t folds = 5;
  int newton_iterations = 50;
};

struct LabelLearningReport {
  std::size_t labels = 0;
  std::size_t rings = 0;
  std::size_t benign = 0;
  bool applied = false;
  std::string reason;  // why not applied, or what was learned
  double cv_precision = 0;
  double cv_recall = 0;
  ScoringWeights weights;  // the prior when not applied
};

class LabelLearner {
 public:
  LabelLearner(ScoringWeights prior, LabelLearningOptions options = {})
      : prior_(prior), options_(options) {}
  LabelLearningReport Fit(const std::vector<LabelledCluster>& labelled) const;

 private:
  // Newton's method on the penalised log loss; returns {bias, w...}.
  std::array<double, kFactorCount + 1> Solve(const std::vector<LabelledCluster>& data) const;

  ScoringWeights prior_;
  LabelLearningOptions options_;
};

}  // namespace ringgraph::detection
