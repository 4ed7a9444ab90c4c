// Shingle, match, learn, rematch: template ids for batches of prompts. See template_fingerprint.h.
#include "graph/templates/template_fingerprint.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <mutex>

namespace ringgraph::templates {

TemplateFingerprinter::TemplateFingerprinter(FingerprintOptions options)
    : options_(options), shingler_(options.shingles), dictionary_(shingler_.options()) {}

Status TemplateFingerprinter::FingerprintBatch(std::span<const std::string_view> prompts,
                                               std::vector<std::string>* ids) {
  ids->assign(prompts.size(), std::string());
  if (prompts.empty()) return Status::Ok();

  // Phases 1 and 2: shingle and match in parallel, under a shared lock.
  std::vector<std::vector<std::uint64_t>> shingles(prompts.size());
  {
    std::shared_lock lock(mutex_);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i) {
                          shingler_.Shingles(prompts[i], &shingles[i]);
                          TemplateMatch m =
                              dictionary_.BestMatch(shingles[i], options_.min_containment);
                          if (m.skeleton >= 0) {
                            (*ids)[i] = TemplateIdText(dictionary_.skeletons()[m.skeleton].id);
                          }
                        }
                      });
  }
  if (!options_.learn) return Status::Ok();

  // Phases 3 and 4, up to learn_rounds times: learn from the prompts that matched nothing, add
  // the skeletons, rematch them. Document frequencies count the whole batch, so a phrase common
  // across the batch does not look like a template. A later round learns templates whose
  // prompts were held in a group dominated by another template in the round before.
  std::vector<std::uint8_t> eligible(prompts.size(), 0);
  for (std::uint32_t round = 0; round < options_.learn_rounds; ++round) {
    std::vector<std::uint32_t> unmatched;
    for (std::size_t i = 0; i < prompts.size(); ++i) {
      eligible[i] = (*ids)[i].empty() ? 1 : 0;
      if (eligible[i]) unmatched.push_back(static_cast<std::uint32_t>(i));
    }
    if (unmatched.size() < options_.learner.min_cluster_prompts) break;
    TemplateLearner learner(shingles, eligible, options_.shingles.hash_seed, options_.learner);
    RINGGRAPH_RETURN_IF_ERROR(learner.Run());
    if (learner.skeletons().empty()) break;

    std::unique_lock lock(mutex_);
    std::size_t added = 0;
    for (const Skeleton& skeleton : learner.skeletons()) {
      if (dictionary_.size() >= options_.max_templates) break;
      added += dictionary_.Add(skeleton) ? 1 : 0;
    }
    if (added == 0) break;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, unmatched.size(), 256),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t k = r.begin(); k != r.end(); ++k) {
                          const std::uint32_t i = unmatched[k];
                          TemplateMatch m =
                              dictionary_.BestMatch(shingles[i], options_.min_containment);
                          if (m.skeleton >= 0) {
                            (*ids)[i] = TemplateIdText(dictionary_.skeletons()[m.skeleton].id);
                          }
                        }
                      });
  }
  return Status::Ok();
}

std::string TemplateFingerprinter::Match(std::string_view prompt) const {
  std::vector<std::uint64_t> shingles;
  shingler_.Shingles(prompt, &shingles);
  std::shared_lock lock(mutex_);
  TemplateMatch m = dictionary_.BestMatch(shingles, options_.min_containment);
  return m.skeleton < 0 ? std::string() : TemplateIdText(dictionary_.skeletons()[m.skeleton].id);
}

std::size_t TemplateFingerprinter::template_count() const {
  std::shared_lock lock(mutex_);
  return dictionary_.size();
}

std::string TemplateFingerprinter::SerializeDictionary() const {
  std::shared_lock lock(mutex_);
  return dictionary_.Serialize();
}

Status TemplateFingerprinter::LoadDictionary(std::string_view bytes) {
  RINGGRAPH_ASSIGN_OR_RETURN(TemplateDictionary loaded,
                             TemplateDictionary::Deserialize(bytes, shingler_.options()));
  std::unique_lock lock(mutex_);
  dictionary_ = std::move(loaded);
  return Status::Ok();
}

}  // namespace ringgraph::templates
