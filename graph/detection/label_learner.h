// Learns the ring score's weights from analysts' labels.
//
// Analysts confirm rings and mark honest groups benign (`ringctl label`, the `label` API). Once
// there are enough labelled clusters, detection refits the score's logistic weights on them:
// a regularised logistic regression whose prior is the default weights, so that a few labels
// move the weights a little and many labels move them as far as the data says,
//
//   minimise  sum_i L(y_i, sigmoid(b + w . x_i)) + (lambda / 2) (|w - w0|^2 + (b - b0)^2)
//
// with x_i the cluster's factor values (ring_scorer.h), L the log loss, (w0, b0) the prior and
// lambda the prior's strength, the same for the bias as for the weights. Labelled clusters are
// the ones analysts chose to review, not a sample of the population's base rate: a bias left
// freer than the weights (a tenth of the strength, until 2026-12-05) carried the labelled
// sample's share of benign clusters into the threshold and unflagged unlabelled rings near it.
// It is solved by Newton's method (twelve parameters).
//
// How far to trust the labels is not a constant: it is chosen by k-fold cross-validation. Each
// candidate strength in `prior_strengths` is fitted on k-1 folds and scored by the log loss on
// the held-out fold; the default weights (an infinite strength) are scored on every label. The
// choice follows the one-standard-error rule: the strongest prior whose held-out loss is within
// one standard error of the lowest. Pieces of one ring are labelled clusters of their own and
// fall in different folds, so held-out loss flatters weak priors; the rule takes the simplest
// fit the data cannot tell from the best. When that is the defaults, they stay: labels that
// would only teach the score the quirks of the labelled clusters leave it alone, and many
// consistent labels move it as far as they say. The report gives the chosen strength, both
// held-out losses and the cross-validated precision and recall at the flag threshold, so an
// analyst sees whether the labels taught it anything. The folds are stratified (each holds its
// share of rings and of benign clusters), and nothing is learned with fewer than `min_labels`
// labelled clusters or `min_per_class` of each verdict.
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
  // Two of each verdict in every held-out fold (2 x folds): with one ring per fold, the held-out
  // loss that chooses the prior's strength rests on a single cluster each time, and a fit on a
  // handful of loud rings learns to be stricter than the defaults with every quiet one.
  std::size_t min_per_class = 10;
  // Candidate prior strengths (lambda), chosen among by cross-validation.
  std::vector<double> prior_strengths = {0.3, 1, 3, 10, 30, 100};
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
  double prior_strength = 0;    // the chosen lambda; 0 when nothing was learned
  double cv_loss_learned = 0;   // held-out log loss per labelled cluster, the chosen strength
  double cv_loss_defaults = 0;  // the default weights' log loss per labelled cluster
  ScoringWeights weights;       // the prior when not applied
};

class LabelLearner {
 public:
  LabelLearner(ScoringWeights prior, LabelLearningOptions options = {})
      : prior_(prior), options_(options) {}
  LabelLearningReport Fit(const std::vector<LabelledCluster>& labelled) const;

 private:
  // Newton's method on the log loss penalised with strength lambda; returns {bias, w...}.
  std::array<double, kFactorCount + 1> Solve(const std::vector<LabelledCluster>& data,
                                             double lambda) const;

  ScoringWeights prior_;
  LabelLearningOptions options_;
};

}  // namespace ringgraph::detection
