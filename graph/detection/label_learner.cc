// Regularised logistic regression of the ring score on analysts' labels. See label_learner.h.
#include "graph/detection/label_learner.h"

#include <cmath>
#include <cstdio>

namespace ringgraph::detection {
namespace {

constexpr int kParams = kFactorCount + 1;  // bias first
using Vector = std::array<double, kParams>;
using Matrix = std::array<std::array<double, kParams>, kParams>;

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double Logit(const Vector& theta, const LabelledCluster& c) {
  double z = theta[0];
  for (int j = 0; j < kFactorCount; ++j) z += theta[j + 1] * c.x[j];
  return z;
}

// Solves m * out = rhs by Gaussian elimination with partial pivoting; m is positive definite here
// (the prior adds lambda to the diagonal), so it never fails.
Vector SolveLinear(Matrix m, Vector rhs) {
  for (int col = 0; col < kParams; ++col) {
    int pivot = col;
    for (int r = col + 1; r < kParams; ++r) {
      if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
    }
    std::swap(m[col], m[pivot]);
    std::swap(rhs[col], rhs[pivot]);
    for (int r = col + 1; r < kParams; ++r) {
      const double f = m[r][col] / m[col][col];
      for (int k = col; k < kParams; ++k) m[r][k] -= f * m[col][k];
      rhs[r] -= f * rhs[col];
    }
  }
  Vector out{};
  for (int r = kParams - 1; r >= 0; --r) {
    double s = rhs[r];
    for (int k = r + 1; k < kParams; ++k) s -= m[r][k] * out[k];
    out[r] = s / m[r][r];
  }
  return out;
}

// The log loss of one cluster, log(1 + e^z) - y z, computed without overflow.
double LogLoss(double z, bool ring) {
  return (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - (ring ? z : 0.0);
}

Vector PriorVector(const ScoringWeights& w) {
  Vector v{};
  v[0] = w.bias;
  for (int j = 0; j < kFactorCount; ++j) v[j + 1] = w.factor[j];
  return v;
}

}  // namespace

std::array<double, kFactorCount + 1> LabelLearner::Solve(const std::vector<LabelledCluster>& data,
                                                         double strength) const {
  const Vector prior = PriorVector(prior_);
  Vector lambda{};
  lambda[0] = strength;
  for (int j = 1; j < kParams; ++j) lambda[j] = strength;
  // The penalised log loss; Newton steps are halved until it falls (the prior may start far
  // from the labels, where a full step overshoots).
  auto objective = [&](const Vector& theta) {
    double loss = 0;
    for (int j = 0; j < kParams; ++j)
      loss += 0.5 * lambda[j] * (theta[j] - prior[j]) * (theta[j] - prior[j]);
    for (const LabelledCluster& c : data) loss += LogLoss(Logit(theta, c), c.ring);
    return loss;
  };
  Vector theta = prior;
  double current = objective(theta);
  for (int it = 0; it < options_.newton_iterations; ++it) {
    Matrix h{};
    Vector g{};
    for (int j = 0; j < kParams; ++j) {
      h[j][j] = lambda[j];
      g[j] = lambda[j] * (theta[j] - prior[j]);
    }
    for (const LabelledCluster& c : data) {
      const double p = Sigmoid(Logit(theta, c));
      const double y = c.ring ? 1.0 : 0.0;
      Vector xt{};
      xt[0] = 1.0;
      for (int j = 0; j < kFactorCount; ++j) xt[j + 1] = c.x[j];
      for (int a = 0; a < kParams; ++a) {
        g[a] += (p - y) * xt[a];
        for (int b = 0; b < kParams; ++b) h[a][b] += p * (1 - p) * xt[a] * xt[b];
      }
    }
    const Vector step = SolveLinear(h, g);
    double scale = 1.0;
    Vector next{};
    double value = current;
    for (int halvings = 0; halvings < 30; ++halvings, scale *= 0.5) {
      for (int j = 0; j < kParams; ++j) next[j] = theta[j] - scale * step[j];
      value = objective(next);
      if (value <= current) break;
    }
    if (!(value <= current)) break;  // no step lowers the loss: at the optimum
    const double gain = current - value;
    theta = next;
    current = value;
    if (gain < 1e-12) break;
  }
  return theta;
}

LabelLearningReport LabelLearner::Fit(const std::vector<LabelledCluster>& labelled) const {
  LabelLearningReport report;
  report.weights = prior_;
  report.labels = labelled.size();
  for (const LabelledCluster& c : labelled) (c.ring ? report.rings : report.benign)++;
  if (report.labels < options_.min_labels || report.rings < options_.min_per_class ||
      report.benign < options_.min_per_class) {
    report.reason = "not enough labels to learn from (" + std::to_string(report.rings) +
                    " rings and " + std::to_string(report.benign) + " benign; need " +
                    std::to_string(options_.min_labels) + " in all and " +
                    std::to_string(options_.min_per_class) + " of each); default weights used";
    return report;
  }

  // Cross-validation, stratified: the rings are dealt to the folds in turn, and so are the
  // benign clusters, so every held-out fold has its share of each verdict. Every candidate
  // strength is fitted on the other folds and scored on the held-out one.
  const std::size_t folds = std::max<std::size_t>(2, std::min(options_.folds, labelled.size()));
  std::vector<std::size_t> fold_of(labelled.size());
  {
    std::size_t rings = 0, benign = 0;
    for (std::size_t i = 0; i < labelled.size(); ++i) {
      fold_of[i] = (labelled[i].ring ? rings++ : benign++) % folds;
    }
  }
  const double n = static_cast<double>(labelled.size());
  const Vector defaults = PriorVector(prior_);
  for (const LabelledCluster& c : labelled) {
    report.cv_loss_defaults += LogLoss(Logit(defaults, c), c.ring) / n;
  }
  struct Candidate {
    double strength = 0;
    double loss = 0;
    double loss_squares = 0;
    std::size_t true_positive = 0, predicted = 0;
  };
  // The training set of each fold: every cluster outside it. Built once for all strengths.
  std::vector<std::vector<LabelledCluster>> training(folds);
  for (std::size_t k = 0; k < folds; ++k) {
    for (std::size_t i = 0; i < labelled.size(); ++i) {
      if (fold_of[i] != k) training[k].push_back(labelled[i]);
    }
  }
  std::vector<Candidate> candidates;
  for (double strength : options_.prior_strengths) {
    if (!(strength > 0)) continue;
    Candidate candidate;
    candidate.strength = strength;
    for (std::size_t k = 0; k < folds; ++k) {
      const Vector theta = Solve(training[k], strength);
      for (std::size_t i = 0; i < labelled.size(); ++i) {
        if (fold_of[i] != k) continue;
        const double z = Logit(theta, labelled[i]);
        const double loss = LogLoss(z, labelled[i].ring);
        candidate.loss += loss / n;
        candidate.loss_squares += loss * loss / n;
        const bool flag = Sigmoid(z) >= prior_.flag_threshold;
        candidate.predicted += flag;
        candidate.true_positive += flag && labelled[i].ring;
      }
    }
    candidates.push_back(candidate);
  }
  const Candidate* best = nullptr;
  for (const Candidate& c : candidates) {
    if (best == nullptr || c.loss < best->loss) best = &c;
  }
  // The one-standard-error rule (label_learner.h): the strongest prior within one standard error
  // of the lowest held-out loss; the defaults, the strongest of all, when they are within it.
  bool keep_defaults = best == nullptr;
  if (best != nullptr) {
    const double variance = std::max(0.0, best->loss_squares - best->loss * best->loss);
    const double within = best->loss + std::sqrt(variance / n);
    for (const Candidate& c : candidates) {
      if (c.loss <= within && c.strength > best->strength) best = &c;
    }
    keep_defaults = report.cv_loss_defaults <= within;
  }
  char buf[256];
  if (keep_defaults) {
    report.cv_loss_learned = best ? best->loss : report.cv_loss_defaults;
    std::snprintf(buf, sizeof buf,
                  "%zu labelled clusters (%zu rings, %zu benign) did not beat the default "
                  "weights in %zu-fold cross-validation (held-out log loss %.4f, defaults "
                  "%.4f); default weights used",
                  report.labels, report.rings, report.benign, folds, report.cv_loss_learned,
                  report.cv_loss_defaults);
    report.reason = buf;
    return report;
  }
  report.prior_strength = best->strength;
  report.cv_loss_learned = best->loss;
  report.cv_precision =
      best->predicted ? static_cast<double>(best->true_positive) / best->predicted : 0.0;
  // Every labelled cluster is held out once, so the rings held out are all the labelled rings.
  report.cv_recall = report.rings ? static_cast<double>(best->true_positive) / report.rings : 0.0;

  const Vector theta = Solve(labelled, best->strength);
  report.weights.bias = theta[0];
  for (int j = 0; j < kFactorCount; ++j) report.weights.factor[j] = theta[j + 1];
  report.applied = true;
  std::snprintf(buf, sizeof buf,
                "weights learned from %zu labelled clusters (%zu rings, %zu benign), prior "
                "strength %g chosen by %zu-fold cross-validation (held-out log loss %.4f, "
                "defaults %.4f); cross-validated precision %.2f, recall %.2f",
                report.labels, report.rings, report.benign, best->strength, folds,
                report.cv_loss_learned, report.cv_loss_defaults, report.cv_precision,
                report.cv_recall);
  report.reason = buf;
  // What moved, so the analyst sees what the labels taught.
  std::string moved;
  auto note = [&](const char* name, double before, double after) {
    if (std::fabs(after - before) < 0.05) return;
    char part[64];
    std::snprintf(part, sizeof part, "%s%s %.2f -> %.2f", moved.empty() ? "" : ", ", name, before,
                  after);
    moved += part;
  };
  note("bias", prior_.bias, report.weights.bias);
  for (int j = 0; j < kFactorCount; ++j) {
    note(FactorName(static_cast<Factor>(j)), prior_.factor[j], report.weights.factor[j]);
  }
  report.reason += moved.empty() ? "; no weight moved" : "; " + moved;
  return report;
}

}  // namespace ringgraph::detection
