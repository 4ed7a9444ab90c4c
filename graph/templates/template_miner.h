// Learns prompt templates from a corpus of prompt sketches (prompt_sketch.h) and the account of
// each prompt. A template is fixed text wrapped around fillings; its fixed text is what recurs
// across many prompts AND several accounts, while fillings rarely recur. The miner finds the
// recurring shingles that travel together — always held by the same prompts — and calls the
// prompts that hold the same such blocks one template.
//
// Run() has six phases:
//   1. CountShingles        for every shingle value, the prompts that hold it (a partitioned
//                           sort: count, prefix sum, fill, sort each part), its document
//                           frequency df and its distinct accounts.
//   2. KeepRecurring        recurring shingles: df >= min_prompts and accounts >= min_accounts.
//                           Their posting lists, and each prompt's recurring set R(p) (the
//                           transpose). Fillings drop out here; template text, stock phrases
//                           and chance repeats of common words stay.
//   3. SketchAndBucket      a MinHash signature of each recurring shingle's posting list (the
//                           prompts that hold it): one-permutation hashing into bands * rows
//                           bins with rotation densification (Shrivastava, ICML 2017), cut into
//                           `bands` bands of `rows` rows; shingles whose band matches are
//                           candidates. The shingles of one template's fixed
//                           text have nearly the same posting list. With 12 bands of 4 rows a
//                           pair of Jaccard s is a candidate with probability 1 - (1 - s^4)^12:
//                           0.81 at s = 0.6, 0.99 at s = 0.8, 0.06 at s = 0.3; a block needs only
//                           a chain of candidates, not every pair. Prompts are ordered for the
//                           MinHash with untruncated sketches first, so a shingle that long
//                           prompts cannot observe (see bottom-k below) is compared on the
//                           prompts that can.
//   4. LinkVerified         candidates are compared with their bucket's first shingle and joined
//                           (union-find) into a *block* when their posting lists have Jaccard >=
//                           block_similarity, counted over the prompts that observe both. A
//                           template's text forms one block; text shared by several templates
//                           (a common opener) forms its own block, since only some holders of
//                           the opener hold each template's own text; a chance repeat of common
//                           words is a block of its own. A block is an *identity block* when it
//                           could be a template's fixed text: it holds a label shingle
//                           ("Answer:" at a line start, or a colon that ends the prompt), or at
//                           least min_text_shingles text shingles (a verbatim run of about six
//                           tokens). Stock phrases ("can you help me", "step by step") and slot
//                           values that recur ("in Python") are shorter, so they never define a
//                           template, even when a prompt starts with them. A short template
//                           ("List {n} interview questions for a {job} candidate.") is a block
//                           of min_text_shingles recurring values of any class (words around a
//                           typed slot count) that make up at least short_template_share of
//                           its median holder's sketch; a stock phrase as long inside free text
//                           is a small part of it.
//   5. GroupBySignature     a prompt holds a block when it has >= hold_share of the block's
//                           shingles that its sketch can observe (HoldBlocks). Some identity
//                           blocks are a filling's stock text, not a template's (FloatStockText):
//                           documents are built of a pool of stock sentences ("Not everyone
//                           is convinced it will work."), a few in each, every one a block as
//                           long as a template's text, so no three prompts would share a
//                           signature. Such a block *floats* in its context (the prompts whose
//                           main anchor is the same: a template's main text) when
//                             - it is not that anchor (a stock ending of the filling can be an
//                               anchor too: "Can you send a replacement?");
//                             - its prompts are spread over the context's accounts: they reach
//                               no fewer accounts than as many prompts drawn at random from the
//                               context would, less two standard deviations (a filling is used
//                               by the template's users alike; a template's own text after a
//                               shared opener only by its users, a ring's variant of a popular
//                               template only by the ring's few accounts);
//                             - it is not kept by its accounts: every account that sends the
//                               context more than once sends it with the block every time,
//                               where a block held by each prompt at random, as often as it is,
//                               would have that happen less than once in a thousand. A
//                               template's own text before a shared ending is its users' every
//                               time, however few they are (where a few heavy senders make the
//                               spread test weak); a sentence of a filling's pool, or a question
//                               an account asked again, is not;
//                             - and either most of its prompts hold another spread block that
//                               is not part of the same text: stock sentences come a few at a
//                               time, while the own texts of templates after one opener exclude
//                               each other. Two blocks are one text when most of the rarer's
//                               prompts hold both, and more of them than chance would (a
//                               hypergeometric draw, two standard deviations above its mean),
//                               or chance cannot be told from one text;
//                             - or it is used now and then: most accounts that send the context
//                               more than once and hold the block send it without the block as
//                               well (a review's one stock phrase), no spread block excludes
//                               it (the two meet in fewer prompts than chance would have them,
//                               two standard deviations below its mean), as the own texts of
//                               one operator's templates after its opener do, and its accounts
//                               are not tied to another block's (most of them hold that block
//                               too, more than chance would have), as an operator's accounts
//                               are when its templates are too rare to exclude each other.
//                               Where every account sends one prompt, nothing shows that a
//                               block is used now and then.
//                           Stock text is stock text wherever it is held: a block that floats
//                           for most of the prompts that hold it floats for all of them, also
//                           where it is a context's main anchor (a stock passage that opens one
//                           template's prompts and fills other templates').
//                           A prompt's anchors are the identity blocks it holds with a label
//                           or frame shingle; its main anchor is the longest that is not a
//                           filling of another (ContextsOf). Anchor x is a filling of anchor y
//                           when the accounts that send both in one prompt send y without x
//                           more often than x without y: stock code or a stock document that
//                           ends a template's prompts, longer than its instruction, comes with
//                           the one instruction whenever its users send it, while they send the
//                           instruction with other snippets too. Without accounts (one prompt
//                           each) neither is a filling, and the longest is the main anchor.
//                           A prompt's signature is the set of identity blocks it holds, but the
//                           floating ones, and its floating blocks are left out of its group's
//                           skeleton. Prompts with the same non-empty signature form a group.
//                           Templates that share an opener but differ in their own text get
//                           different signatures; fillings and edits of the fixed text (a word
//                           dropped, added or recased) do not change it.
//   6. BuildSkeletons       a group of >= min_prompts prompts from >= min_accounts accounts is a
//                           template. Its skeleton is every recurring shingle held by >=
//                           `presence` of the members that observe it; its core, those held by
//                           >= anchor_presence. In a large corpus a light edit recurs (a greeting
//                           before the first label, the same word dropped) and makes a group of
//                           its own; a group whose core differs from a larger group's skeleton,
//                           and the larger core from its skeleton, by at most edit_shingles values
//                           (what one changed token changes), and has at most edit_share of
//                           its prompts (an edit is a minority variant), joins it. Templates
//                           that extend another (few-shot around zero-shot) or differ in their
//                           own text differ by more. A filling that comes in recurring shapes
//                           ("dates in the format {f}", "lines that contain {w}") splits its
//                           template the same way, by more than an edit: a group joins a larger
//                           one when what their skeletons share is a template by itself, each
//                           differs from it by no label, its accounts send the larger group
//                           no less often than if each prompt chose its shape at random (most
//                           of them do, where few accounts send more than one prompt and
//                           chance says little), spread over them (merge_filling_shapes); the
//                           joined skeleton is counted again over all the prompts and must keep
//                           text that no template of other users holds. Last, where the corpus's
//                           senders come back (a share s of its prompts come from accounts
//                           that send nothing else, 0 < s < 1), a template none of whose
//                           prompts comes from a returning sender, and none of whose blocks a
//                           returning sender holds elsewhere, is a phrase many people typed
//                           once each ("how long does {food} last in the fridge"): a
//                           template's N prompts would all come from one-time senders with
//                           probability s^N, and below the two-sigma tail it is dropped
//                           (DropOneTimeSendersPhrases). A public template that one-time
//                           senders copied stays when returning users send its text too.
//                           A template's id is "t4-" + 16 hex of a hash of its anchors (below).
//
// Bottom-k: a sketch cut to max_shingles values observes only values up to its largest one (its
// horizon). Presence and block similarity are counted over the prompts that observe a shingle,
// so long fillings (fixed text 10% of a prompt) do not hide a template. The sketch's class order
// keeps labels, the frame and line breaks first, so a template's structure is always observed.
//
// Ids (the stable-id rule): the anchors of a template are the `anchor_shingles` smallest of its
// *own core* skeleton values — held by >= anchor_presence of the members that observe them, and
// in no other learned template's skeleton — hashed with the tag "own". A template with no own
// core value (one wholly contained in a larger template, as a zero-shot "Question:/Answer:" in a
// few-shot one) hashes its smallest core values with the tag "shared". Anchors do not depend on
// how many prompts a template was learned from or on its fillings, and the smallest values are
// its label and frame shingles (the class order of the sketch), held by every member; so the
// same template learned again from another sample of prompts, or on another day, gets the same
// id with high probability, as long as the templates that share text with it are also present.
// Own values belong to one template, so two templates of a run do not share anchors. Ids depend
// on the sketch key: the same template under another key has another id. If two templates of a
// run still collide, the later (in (prompts desc, id) order) hashes its whole skeleton instead.
//
// Thread safety: one Run() per object; Run() uses TBB internally. The accessors are const and
// may be read from many threads after Run() returns.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "graph/common/status.h"

namespace ringgraph::templates {

struct LearnedTemplate {
  std::uint64_t id = 0;                     // shown as TemplateDictionary::IdText(id)
  std::vector<std::uint32_t> skeleton;      // sorted, distinct shingle values
  std::uint32_t prompts = 0, accounts = 0;  // the group it was learned from
};

struct MinerOptions {
  std::uint32_t min_prompts = 3;  // a template recurs in at least this many prompts...
  // ...from at least this many distinct accounts. One is enough: an operator's script sent from
  // one account is a template, learned before the operator spreads it over more accounts. The
  // accounts still decide what floats (phase 5) and what is a crowd's phrase (phase 6).
  std::uint32_t min_accounts = 1;
  // The sketches' bottom-k size (SketchOptions::max_shingles): a sketch this long was cut.
  std::uint32_t max_shingles = 256;
  std::uint32_t bands = 12;  // phase 3
  std::uint32_t rows = 4;
  // Phase 4: most of the prompts that hold either shingle hold both.
  double block_similarity = 0.6;
  // Phase 4: text shingles that make a block a possible template without a label.
  std::uint32_t min_text_shingles = 4;
  // Phase 4 and 6: a short template ("List {n} interview questions for a {job} candidate.")
  // has fewer than min_text_shingles text shingles, but its words around typed slots recur
  // as well: min_text_shingles recurring values of any class make it a template when they are
  // at least this share of its median prompt's sketch. A stock phrase of the same length
  // ("It is about {n} in total.") is a small part of the free texts it ends.
  double short_template_share = 0.2;
  double hold_share = 0.5;  // phase 5
  double presence = 0.5;    // phase 6
  double anchor_presence = 0.7;
  // Phase 6: groups whose cores differ by at most this many values each way are one template
  // with a light edit; 3 is what one changed token changes of 3-token shingles.
  std::uint32_t edit_shingles = 3;
  // ...and the smaller has at most this share of the larger's prompts: an edit is a minority
  // variant, while two public formats that differ in one label word are each used in earnest.
  double edit_share = 0.25;
  // Phase 6: a recurring shape of a filling ("dates in the format {f}" inside "Write a regular
  // expression that matches {description}") makes prompts hold a block the template's other
  // prompts do not, so they form a group of their own. Such a group joins a larger one when
  // what the two skeletons share is a template by itself, neither differs from it by a label
  // (however much text a shape adds: a word problem's stock form can be longer than "Q: ...
  // A: Let's think step by step."), and the smaller group's accounts send the larger too as
  // often as one population would: were each prompt's shape chosen at random, an account
  // sending k prompts to the two, one at least as the smaller shape (a share r of their
  // prompts), would send the larger too with probability 1 - r^k / (1 - (1-r)^k), and fewer of
  // them than that, by two standard deviations, are another party's. Where chance cannot tell
  // (even none sending the larger would not be that few: most send one prompt), at least
  // shape_account_share of the smaller group's accounts must be among the larger's. And they
  // are spread over them: at least shape_account_share of the distinct accounts that as many
  // prompts drawn at random from the larger group's accounts would reach. One population of
  // users, its fillings varying; a ring's own variant of a popular template comes from a few of
  // that template's users, many prompts each.
  // The joined template's skeleton is counted again over all its prompts, and the merge is kept
  // only if that skeleton still has text of its own (a label or min_text_shingles text values
  // that no other template holds, unless most of that template's accounts are the joined
  // one's): one operator's templates around a public opener, told apart by their own
  // sentences, would share only the opener, which matches other parties' prompts too.
  // A few-shot format repeats its labels on lines of its own, and another party's template
  // around the same public text comes from other accounts; both stay apart.
  bool merge_filling_shapes = true;
  double shape_account_share = 0.5;
  // Ids: how many of its smallest own core values name a template.
  std::uint32_t anchor_shingles = 8;
  // Called after each phase with its name and wall-clock seconds (progress and timing).
  std::function<void(std::string_view phase, double seconds)> on_phase;
};

// What a run found, for benchmarks and diagnosis.
struct MinerStats {
  std::uint64_t shingle_occurrences = 0;  // sum of sketch sizes
  std::uint64_t recurring_shingles = 0;
  std::uint64_t recurring_occurrences = 0;
  std::uint64_t blocks = 0;
  std::uint64_t identity_blocks = 0;
  std::uint64_t floating_held = 0;     // (prompt, block) pairs that float (phase 5)
  std::uint64_t signature_groups = 0;  // distinct non-empty signatures
};

class TemplateMiner {
 public:
  // `sketches[i]` is prompt i's sketch (sorted, distinct); `accounts[i]` its account, or empty
  // for "each prompt its own account". `sends_elsewhere[i]`, if given, is 1 when prompt i's
  // account is known to send other prompts than the corpus holds (ingest mines only the prompts
  // no template claimed yet; the store knows every account's count). All must outlive Run().
  TemplateMiner(std::span<const std::vector<std::uint32_t>> sketches,
                std::span<const std::uint32_t> accounts, MinerOptions options = {},
                std::span<const std::uint8_t> sends_elsewhere = {});
  ~TemplateMiner();
  TemplateMiner(const TemplateMiner&) = delete;
  TemplateMiner& operator=(const TemplateMiner&) = delete;

  // Errors: kInvalidArgument when accounts or sends_elsewhere is neither empty nor one per
  // sketch, when a sketch is not sorted and distinct, or when an option is out of range (bands,
  // rows or min_prompts of 0, a share outside (0, 1]).
  Status Run();

  // The learned templates, most prompts first (then by id). Valid after a successful Run().
  const std::vector<LearnedTemplate>& templates() const { return templates_; }
  // For each input prompt, the index in templates() of the template learned from its group, or
  // -1. A prompt outside every group may still match a template: TemplateDictionary::Match gives
  // the id a prompt gets.
  const std::vector<std::int32_t>& prompt_templates() const { return prompt_templates_; }
  const MinerStats& stats() const { return stats_; }

 private:
  struct State;  // the phases' working data, freed at the end of Run()

  Status Validate() const;
  void CountShingles(State& state);
  void KeepRecurring(State& state);
  void SketchAndBucket(State& state);
  void LinkVerified(State& state);
  void GroupBySignature(State& state);
  // Phase 5's steps: the identity blocks each prompt holds; those that float in its context.
  void HoldBlocks(State& state) const;
  // Each prompt's context: its main anchor, its template's main text (kNoAnchor for none).
  std::vector<std::uint32_t> ContextsOf(const State& state,
                                        std::span<const std::uint8_t> anchor) const;
  void FloatStockText(State& state);
  void BuildSkeletons(State& state);
  // Phase 6, after the edit variants: templates that are one template around recurring shapes
  // of its filling join the largest of them (MinerOptions::merge_filling_shapes).
  void MergeFillingShapes(State& state, std::span<const std::size_t> by_size,
                          std::vector<LearnedTemplate>& built,
                          std::vector<std::vector<std::uint8_t>>& core,
                          std::vector<std::vector<std::size_t>>& absorbed) const;
  // Phase 6, last: a template none of whose prompts comes from an account that sends more than
  // one is a phrase many people typed once each, where the corpus's senders do come back.
  void DropOneTimeSendersPhrases(const State& state,
                                 const std::vector<std::vector<std::size_t>>& absorbed,
                                 std::vector<LearnedTemplate>& built) const;

  std::span<const std::vector<std::uint32_t>> sketches_;
  std::span<const std::uint32_t> accounts_;
  MinerOptions options_;
  std::span<const std::uint8_t> sends_elsewhere_;
  std::vector<LearnedTemplate> templates_;
  std::vector<std::int32_t> prompt_templates_;
  MinerStats stats_;
};

}  // namespace ringgraph::templates
