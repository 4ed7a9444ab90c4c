// The template miner on tiny corpora: what becomes a template and what does not, accounts, ids.
// Fillings are runs of seeded pseudo-words, so they never recur by chance.
#include "graph/templates/template_miner.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "graph/templates/prompt_sketch.h"
#include "graph/templates/template_dictionary.h"
#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {
namespace {

constexpr const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ba",
                                      "do", "fi", "gu", "he", "ja", "ko", "pe", "xu", "yo", "wa"};

// `count` pseudo-words of 3 syllables: 8,000 possible words, so runs do not repeat.
std::string Filling(CorpusRng& rng, int count) {
  std::string out;
  for (int w = 0; w < count; ++w) {
    if (w) out += ' ';
    for (int s = 0; s < 3; ++s) out += kSyllables[rng.Below(std::size(kSyllables))];
  }
  return out;
}

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::uint32_t> accounts;
  void Add(std::string text, std::uint32_t account) {
    texts.push_back(std::move(text));
    accounts.push_back(account);
  }
};

struct Mined {
  std::vector<LearnedTemplate> templates;
  std::vector<std::int32_t> of_prompt;
  std::vector<std::string> ids;  // matched against the mined dictionary, "" for none
};

Mined Mine(const Corpus& corpus, MinerOptions options = {}, bool use_accounts = true) {
  const PromptSketcher sketcher(kPublicSketchKey);
  std::vector<std::vector<std::uint32_t>> sketches(corpus.texts.size());
  for (std::size_t i = 0; i < corpus.texts.size(); ++i)
    sketcher.Sketch(corpus.texts[i], &sketches[i]);
  TemplateMiner miner(sketches,
                      use_accounts ? std::span<const std::uint32_t>(corpus.accounts)
                                   : std::span<const std::uint32_t>(),
                      options);
  const Status status = miner.Run();
  EXPECT_TRUE(status.ok()) << status.ToString();
  Mined out{miner.templates(), miner.prompt_templates(), {}};
  TemplateDictionary dictionary;
  for (const LearnedTemplate& t : miner.templates()) dictionary.Add(t);
  for (const auto& sketch : sketches) {
    auto id = dictionary.Match(sketch);
    out.ids.push_back(id ? TemplateDictionary::IdText(*id) : "");
  }
  return out;
}

// Free text: unrelated sentences, one account each (accounts 1000+).
void AddFreeText(Corpus* corpus, CorpusRng& rng, int count) {
  for (int i = 0; i < count; ++i) {
    corpus->Add(Filling(rng, static_cast<int>(rng.Between(8, 40))),
                static_cast<std::uint32_t>(1000 + corpus->texts.size()));
  }
}

// Prompts 0..count-1 share an id exactly when `family` gives them the same value.
template <typename Family>
void ExpectIdsFollowFamilies(const Mined& mined, std::size_t count, Family family) {
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      EXPECT_EQ(mined.ids[i] == mined.ids[j], family(i) == family(j)) << i << " " << j;
    }
  }
}

// Mines `corpus`, whose first `count` prompts belong to templates (prompt i to family
// i % families) and the rest are free text: every template prompt gets an id, the ids follow the
// families, and free text gets none.
void ExpectOneIdPerFamily(const Corpus& corpus, std::size_t count, std::size_t families) {
  const Mined mined = Mine(corpus);
  for (std::size_t i = 0; i < count; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, count, [families](std::size_t i) { return i % families; });
  for (std::size_t i = count; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// A short format, six prompts from six accounts, among free text:
//   "Q: {question}\nA:"          x6   accounts 0..5
//   free text                   x30
// The format has only three fixed shingles ("^ q :", "\n a :", "a : $"), all labels.
TEST(TemplateMinerTest, LearnsAShortFormat) {
  CorpusRng rng(/*seed=*/1);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 6; ++i) {
    corpus.Add("Q: " + Filling(rng, static_cast<int>(rng.Between(6, 30))) + "?\nA:", i);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 1u);
  EXPECT_EQ(mined.templates[0].prompts, 6u);
  EXPECT_EQ(mined.templates[0].accounts, 6u);
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
    EXPECT_EQ(mined.of_prompt[i], i < 6 ? 0 : -1) << i;
    EXPECT_EQ(mined.ids[i].empty(), i >= 6) << i;
  }
}

// Also "Summarize: {passage}" with passages ten times longer than the label, and an Alpaca
// block "### Instruction:\n{q}\n\n### Response:".
TEST(TemplateMinerTest, LearnsLabelFormatsWithLongFillings) {
  CorpusRng rng(/*seed=*/2);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 8; ++i) {
    corpus.Add("Summarize: " + Filling(rng, static_cast<int>(rng.Between(40, 400))), i);
    corpus.Add("### Instruction:\n" + Filling(rng, 20) + "\n\n### Response:", 100 + i);
  }
  AddFreeText(&corpus, rng, 40);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 2u);
  std::set<std::string> summarize, alpaca;
  for (std::size_t i = 0; i < 16; ++i) (i % 2 ? alpaca : summarize).insert(mined.ids[i]);
  EXPECT_EQ(summarize.size(), 1u);
  EXPECT_EQ(alpaca.size(), 1u);
  EXPECT_NE(*summarize.begin(), "");
  EXPECT_NE(*summarize.begin(), *alpaca.begin());
  for (std::size_t i = 16; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "");
}

// Stock phrases shared by unrelated free text are not templates, even at the start:
//   "Can you help me {free}"         x20, one account each
//   "{free} step by step {free}"     x20
//   "What is the {free}"             x20
// Each is at most 3 text shingles and has no label, so no block of them is an identity block.
TEST(TemplateMinerTest, StockPhrasesInFreeTextAreNotTemplates) {
  CorpusRng rng(/*seed=*/3);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 20; ++i) {
    corpus.Add("Can you help me " + Filling(rng, 12), i);
    corpus.Add(Filling(rng, 6) + " step by step " + Filling(rng, 9), 100 + i);
    corpus.Add("What is the " + Filling(rng, 10) + "?", 200 + i);
  }
  const Mined mined = Mine(corpus);
  EXPECT_TRUE(mined.templates.empty());
  for (const std::string& id : mined.ids) EXPECT_EQ(id, "");
}

// min_accounts: a template's text must recur across that many accounts. By default one is
// enough: an operator's script sent from one account is a template, learned before it spreads.
//   "Rate this essay for clarity and tone on a scale from one to ten:\n{essay}"
//   x10 prompts, all from account 7         -> a template by default, none at min_accounts 2
//   the same, split over accounts 7 and 8   -> a template at min_accounts 2, none at 3
TEST(TemplateMinerTest, RespectsMinAccounts) {
  CorpusRng rng(/*seed=*/4);
  Corpus one_account, two_accounts;
  for (std::uint32_t i = 0; i < 10; ++i) {
    const std::string prompt =
        "Rate this essay for clarity and tone on a scale from one to ten:\n" + Filling(rng, 30);
    one_account.Add(prompt, 7);
    two_accounts.Add(prompt, 7 + i % 2);
  }
  EXPECT_EQ(Mine(one_account).templates.size(), 1u);
  MinerOptions two;
  two.min_accounts = 2;
  EXPECT_TRUE(Mine(one_account, two).templates.empty());
  EXPECT_EQ(Mine(two_accounts, two).templates.size(), 1u);
  MinerOptions three;
  three.min_accounts = 3;
  EXPECT_TRUE(Mine(two_accounts, three).templates.empty());
  // Without accounts each prompt is its own account.
  EXPECT_EQ(Mine(one_account, three, /*use_accounts=*/false).templates.size(), 1u);
}

// Templates that share a long opener but differ in their own sentence stay apart:
//   "You are an expert grader. Read the answer below and grade it carefully. {own_k}\n{answer}"
//   for k = 0, 1, 2, eight prompts each
// The opener's block is held by all 24 prompts; each own sentence by eight.
TEST(TemplateMinerTest, SeparatesTemplatesThatShareAnOpener) {
  CorpusRng rng(/*seed=*/5);
  const std::string opener =
      "You are an expert grader. Read the answer below and grade it carefully. ";
  const std::string own[] = {"Focus on the logic of every step and ignore the spelling.",
                             "Check each number against the reference table before you answer.",
                             "Give partial credit when the method is right but the result is not."};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 24; ++i) {
    corpus.Add(opener + own[i % 3] + "\n" + Filling(rng, 40), i);
  }
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 3u);
  ExpectIdsFollowFamilies(mined, 24, [](std::size_t i) { return i % 3; });
  for (std::size_t i = 0; i < 24; ++i) {
    EXPECT_NE(mined.ids[i], "");
  }
}

// Light edits of the fixed text (a word dropped, added or recased) and fillings in other
// scripts keep prompts on one template:
//   "Please explain the reasoning behind the following answer in detail, then grade it.\n{q}"
//   x12, every third prompt edited, fillings in English, Russian and Chinese.
TEST(TemplateMinerTest, EditsAndForeignFillingsKeepOneTemplate) {
  CorpusRng rng(/*seed=*/6);
  const std::string fixed[] = {
      "Please explain the reasoning behind the following answer in detail, then grade it.\n",
      "Please explain the reasoning behind the answer in detail, then grade it.\n",  // dropped
      "Please explain the reasoning behind the following answer in great detail, then grade it.\n",
      "PLEASE explain the reasoning behind the following answer in detail, then Grade it.\n"};
  const char* russian[] = {"почему", "небо",   "голубое", "как",   "это",    "объяснить",
                           "детям",  "просто", "вода",    "город", "работа", "вопрос"};
  const char* chinese[] = {"为", "什", "么", "天", "空", "是", "蓝", "色", "的", "请",
                           "用", "简", "单", "话", "解", "释", "给", "孩", "子", "听"};
  auto foreign = [&](bool cyrillic) {  // a fresh sentence each time
    std::string out;
    for (int w = 0; w < 24; ++w) {
      if (cyrillic) {
        out += std::string(w ? " " : "") + russian[rng.Below(std::size(russian))];
      } else {
        out += chinese[rng.Below(std::size(chinese))];
      }
    }
    return out;
  };
  Corpus corpus;
  for (std::uint32_t i = 0; i < 12; ++i) {
    const std::string filling = i % 4 == 1   ? foreign(/*cyrillic=*/true)
                                  : i % 4 == 2 ? foreign(/*cyrillic=*/false)
                                               : Filling(rng, 25);
    corpus.Add((i % 3 == 0 ? fixed[1 + (i / 3) % 3] : fixed[0]) + filling, i);
  }
  AddFreeText(&corpus, rng, 20);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  EXPECT_NE(mined.ids[0], "");
}

// One template whose filling comes in recurring shapes, used by one set of accounts:
//   "Write a regular expression that matches {description}. Provide examples of strings that
//    match and that don't."  x36, accounts 0..9, the description in one of three shapes:
//   "dates in the format {f} but only in the month of {m}"
//   "lines that contain the word {w} but never the word {v}"
//   "codes that start with the letters {x} followed by {n} digits"
// Each shape is fixed text of its own that recurs, so its prompts form a group of their own;
// they are one template, and one id.
Corpus RegexCorpus(CorpusRng& rng, std::uint32_t accounts_per_shape_set, bool shapes_by_account) {
  const std::string shapes[][2] = {{"dates in the format ", " but only in the month of "},
                                   {"lines that contain the word ", " but never the word "},
                                   {"codes that start with the letters ", " followed by digits "}};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 36; ++i) {
    const std::uint32_t shape = i % 3;
    // shapes_by_account: shape k is used by its own accounts only (three parties).
    const std::uint32_t account = shapes_by_account
                                      ? shape * accounts_per_shape_set + i % accounts_per_shape_set
                                      : i % accounts_per_shape_set;
    corpus.Add("Write a regular expression that matches " + shapes[shape][0] + Filling(rng, 2) +
                   shapes[shape][1] + Filling(rng, 2) +
                   ". Provide examples of strings that match and that don't.",
               account);
  }
  AddFreeText(&corpus, rng, 30);
  return corpus;
}

TEST(TemplateMinerTest, RecurringShapesOfAFillingAreOneTemplate) {
  CorpusRng rng(/*seed=*/8);
  const Corpus corpus =
      RegexCorpus(rng, /*accounts_per_shape_set=*/10, /*shapes_by_account=*/false);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 36; ++i) EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  EXPECT_NE(mined.ids[0], "");
  for (std::size_t i = 36; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;

  // Without the merge, each shape is a template nested in the outer text.
  MinerOptions apart;
  apart.merge_filling_shapes = false;
  EXPECT_EQ(Mine(corpus, apart).templates.size(), 3u);
}

// The same corpus, but each shape is used by its own four accounts: three parties around one
// public instruction, not one party's varying filling. They stay three templates.
TEST(TemplateMinerTest, ShapesOfOtherAccountsStayTemplatesOfTheirOwn) {
  CorpusRng rng(/*seed=*/8);
  const Corpus corpus = RegexCorpus(rng, /*accounts_per_shape_set=*/4, /*shapes_by_account=*/true);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 3u);
  ExpectIdsFollowFamilies(mined, 36, [](std::size_t i) { return i % 3; });
}

// One long template whose middle sentence is one of four, chosen per prompt, used by many
// accounts that send one or two prompts each:
//   "I want you to act as a prompt rewriter. ... Method: {one of four sentences} ...
//    #Given Prompt#: {question} #Rewritten Prompt#:"      x48: accounts 0..15 two, 16..31 one
// Each method is a group of its own, and few of a method's accounts send another: most send one
// prompt. But no fewer than if each prompt chose its method at random, so nothing says the
// methods are other parties' templates, and they join: one template.
TEST(TemplateMinerTest, ShapesOfAccountsThatSendFewPromptsEachJoin) {
  static constexpr const char* kMethods[] = {
      "Please replace general concepts with more specific concepts wherever you can.",
      "If the given prompt can be solved with a few simple steps, ask for several steps of "
      "reasoning instead.",
      "Please add one more constraint or requirement that the answer has to meet.",
      "If the given prompt asks about an issue, increase the depth and breadth of the inquiry."};
  CorpusRng rng(/*seed=*/31);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 48; ++i) {
    corpus.Add(std::string("I want you to act as a prompt rewriter. Your objective is to rewrite "
                           "a given prompt into a more complex version that famous AI systems "
                           "find a bit harder to handle, while people can still understand it "
                           "and answer it.\nYou should complicate the given prompt using the "
                           "following method:\n") +
                   kMethods[rng.Below(std::size(kMethods))] +
                   "\nDo not make the rewritten prompt verbose: it may add only ten to twenty "
                   "words to the given prompt.\n#Given Prompt#:\n" +
                   Filling(rng, static_cast<int>(rng.Between(6, 12))) + "?\n#Rewritten Prompt#:",
               i < 32 ? i / 2 : 16 + (i - 32));
  }
  AddFreeText(&corpus, rng, 30);
  ExpectOneIdPerFamily(corpus, 48, 1);
}

// A short template has too few words for a verbatim run of text, but its words around a typed
// slot recur too, and they are most of what its prompts say:
//   "List {n} interview questions for a {job} candidate."       x24, accounts 0..7
// A stock phrase as long, ending free texts of other accounts, is a small part of each:
//   "{free text of 20-40 words} It is about {n} in total."     x40, one account each
TEST(TemplateMinerTest, AShortTemplateIsOneButAStockPhraseInFreeTextIsNot) {
  CorpusRng rng(/*seed=*/13);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 24; ++i) {
    corpus.Add("List " + std::to_string(rng.Between(3, 20)) + " interview questions for a " +
                   Filling(rng, static_cast<int>(rng.Between(1, 2))) + " candidate.",
               i % 8);
  }
  for (std::uint32_t i = 0; i < 40; ++i) {
    corpus.Add(Filling(rng, static_cast<int>(rng.Between(20, 40))) + ". It is about " +
                   std::to_string(rng.Between(10, 999)) + " in total.",
               500 + i);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  EXPECT_NE(mined.ids[0], "");
  for (std::size_t i = 24; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;

  // Held to a verbatim run of text, the short template is not found.
  MinerOptions text_only;
  text_only.short_template_share = 1.01;
  EXPECT_TRUE(Mine(corpus, text_only).templates.empty());
  // With no share asked of it, the stock phrase is a template too: the share keeps it out.
  // (Without accounts: its senders send nothing else, which keeps it out as well, where the
  // template's senders come back.)
  MinerOptions any_share;
  any_share.short_template_share = 0;
  EXPECT_EQ(Mine(corpus, any_share, /*use_accounts=*/false).templates.size(), 2u);
  EXPECT_EQ(Mine(corpus, any_share).templates.size(), 1u);
}

// A filling's recurring shape may be longer than the template around it: word problems sent
// through "Q: {problem}\nA: Let's think step by step." come in a few stock forms, each a
// sentence or two of fixed text.
TEST(TemplateMinerTest, FillingShapesLongerThanTheTemplateStillJoinIt) {
  CorpusRng rng(/*seed=*/11);
  const std::string shapes[][2] = {
      {"There are 31 students in the class of ",
       " and 12 of them joined the chess club after the winter holidays. How many students did "
       "not join the club?"},
      {"A farmer called ",
       " sells 14 baskets of apples every market day and keeps the rest for the family. How "
       "many baskets are left at the end of the month?"},
      {"The train from ",
       " leaves at noon and travels at a steady speed for most of the "
       "afternoon. How far has it gone when the sun sets?"},
      {"", ""}};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 48; ++i) {
    const auto& shape = shapes[i % 4];
    corpus.Add("Q: " + shape[0] + Filling(rng, i % 4 == 3 ? 14 : 2) + shape[1] +
                   "\nA: Let's think step by step.",
               i / 4 % 10);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  ASSERT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 48; ++i) EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  EXPECT_NE(mined.ids[0], "");
}

// A shape with a label of its own ("Summary:" opening the filling) stays a template of its own,
// and it holds all the text of the template around it. Its accounts are that template's, so
// the other shapes still join: the shared text is not another party's.
TEST(TemplateMinerTest, AShapeThatStaysApartDoesNotHoldTheOthersBack) {
  CorpusRng rng(/*seed=*/12);
  const std::string shapes[] = {
      " The committee met on Tuesday evening and approved the budget for the coming year.",
      " Nobody in the village expected the weather to change so quickly that afternoon.", "",
      "Summary:\n"};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 48; ++i) {
    const std::uint32_t shape = i % 4;
    const std::string filling = Filling(rng, 10);
    corpus.Add(
        "Rewrite the following paragraph so that a ten year old could follow it without "
        "any help.\n\n" +
            (shape == 3 ? shapes[3] + filling : filling + shapes[shape]),
        i / 4 % 10);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < 48; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 48, [](std::size_t i) { return i % 4 == 3; });
}

// A ring's own variant of a popular template: the ring's three accounts send the popular
// template too, but their variant comes from a few of its users, many prompts each.
//   "Write a regular expression that matches {description}. Provide examples of strings that
//    match and that don't."                                   x40, accounts 0..39 (the public)
//   the same with " Answer in the shortest form you can." after {description}
//                                                             x30, accounts 100..102 (the ring)
//   the popular template                                      x6, accounts 100..102
TEST(TemplateMinerTest, ARingsVariantOfAPopularTemplateStaysApart) {
  CorpusRng rng(/*seed=*/10);
  auto prompt = [&](bool variant) {
    return "Write a regular expression that matches lines that contain " + Filling(rng, 3) +
           (variant ? ". Answer in the shortest form you can" : "") +
           ". Provide examples of strings that match and that don't.";
  };
  Corpus corpus;
  for (std::uint32_t i = 0; i < 40; ++i) corpus.Add(prompt(false), i);
  for (std::uint32_t i = 0; i < 30; ++i) corpus.Add(prompt(true), 100 + i % 3);
  for (std::uint32_t i = 0; i < 6; ++i) corpus.Add(prompt(false), 100 + i % 3);
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < 76; ++i) {
    EXPECT_NE(mined.ids[i], "") << i;
    const bool variant_i = i >= 40 && i < 70;
    EXPECT_EQ(mined.ids[i] == mined.ids[0], !variant_i) << i;
  }
}

// Documents built of stock sentences. Report-style fillings share a pool of sentences, a few in
// each document, so no two prompts hold the same set of them:
//   "Summarize the report below for the board in three short bullet points.\n\n{document}"
//       x40, accounts 0..9
//   "Translate the memo below into formal German and keep its headings.\n\n{document}"
//       x40, accounts 20..29
//   {document} alone                                          x30, one account each
// where a document is 3-5 of 12 stock sentences, with a sentence of its own between them.
// The stock sentences float: each template keeps one id, and the bare documents get none.
std::string StockDocument(CorpusRng& rng) {
  static constexpr const char* kStock[] = {
      "Revenue in the northern region grew faster than the board had expected this year.",
      "Several customers asked for a clearer explanation of the new pricing model.",
      "The migration to the new billing system is now about two months behind schedule.",
      "Staff turnover in the support team remains higher than the industry average.",
      "Our main competitor announced a cheaper plan aimed at small businesses.",
      "The audit found no material weaknesses in the controls over financial reporting.",
      "Marketing spend was shifted from print advertising to online campaigns in spring.",
      "Two of the largest contracts are up for renewal before the end of the quarter.",
      "The warehouse in the east will close once the lease runs out next summer.",
      "Customer satisfaction scores improved after the help centre was redesigned.",
      "Energy costs rose sharply and now make up a larger share of operating expenses.",
      "The legal team is still reviewing the terms of the proposed partnership agreement."};
  std::vector<std::size_t> order(std::size(kStock));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  const auto sentences = static_cast<std::size_t>(rng.Between(3, 5));
  std::string document;
  for (std::size_t s = 0; s < sentences; ++s) {
    document += std::string(kStock[order[s]]) + " " + Filling(rng, 8) + ". ";
  }
  return document;
}

TEST(TemplateMinerTest, DocumentsOfStockSentencesKeepTheirTemplate) {
  CorpusRng rng(/*seed=*/14);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 80; ++i) {
    const bool summary = i % 2 == 0;
    corpus.Add(std::string(summary ? "Summarize the report below for the board in three short "
                                     "bullet points.\n\n"
                                   : "Translate the memo below into formal German and keep its "
                                     "headings.\n\n") +
                   StockDocument(rng),
               (summary ? 0 : 20) + i % 10);
  }
  for (std::uint32_t i = 0; i < 30; ++i) corpus.Add(StockDocument(rng), 1000 + i);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < 80; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 80, [](std::size_t i) { return i % 2; });
  for (std::size_t i = 80; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// Paragraphs of two themes, each paragraph written from most of its theme's stock sentences,
// and most paragraphs opening with a stock sentence common to both themes. Held by four of five
// paragraphs, the common sentence is held with a theme's sentences by most of their holders, as
// the parts of one text are, but no more often than chance would have it, which the parts of
// one text are not: it floats. Kept in a template's skeleton, it and a theme's sentences would
// be most of that skeleton, and the paragraphs of the other instructions would match it.
// Four instructions, 60 prompts each from 8 accounts:
//   "{instruction k}\n\n{paragraph}"    k = 0..3
TEST(TemplateMinerTest, AStockSentenceMostParagraphsHoldFloatsToo) {
  static constexpr const char* kThemes[2][5] = {
      {"Researchers at the institute recently showed that short walks after meals help.",
       "Most textbooks skip this detail, which is a real pity for curious students.",
       "The effect is strongest when the samples are small and the material is thin.",
       "Measurements taken in the valley showed a large difference between seasons.",
       "Put simply, the method trades a little accuracy for a lot of flexibility."},
      {"A spokesperson for the company said it remained committed to the community.",
       "Officials in the capital declined to comment on the plans for a new stadium.",
       "Analysts expect the price of housing to rise further before the end of the year.",
       "The decision affects roughly fifty thousand tenants in the northern provinces.",
       "Critics argue that small towns will be left behind by the new rail timetable."}};
  static constexpr const char* kInstructions[] = {
      "Summarize the following article in two sentences for a busy reader.",
      "Write five quiz questions based on the passage below for a high school class.",
      "Rewrite this paragraph in plain English for a reader with no background.",
      "List the three main claims of the passage below as short bullet points."};
  CorpusRng rng(/*seed=*/17);
  auto paragraph = [&] {
    const auto& theme = kThemes[rng.Below(2)];
    std::string out;
    if (rng.Chance(0.8)) out += "This is a question that comes up again and again in the news. ";
    for (const char* sentence : theme) {
      if (rng.Chance(0.8)) out += std::string(sentence) + " " + Filling(rng, 5) + ". ";
    }
    return out;
  };
  Corpus corpus;
  for (std::uint32_t i = 0; i < 240; ++i) {
    corpus.Add(std::string(kInstructions[i % 4]) + "\n\n" + paragraph(), 10 * (i % 4) + i % 8);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 4u);
  for (std::size_t i = 0; i < 240; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 240, [](std::size_t i) { return i % 4; });
  for (std::size_t i = 240; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// Reviews with a stock phrase each, now and then two: few prompts hold a phrase with another,
// but the accounts that use a phrase send the template without it as well. The phrases float,
// and the template keeps one id (the groups of one phrase each were too small, and their
// accounts too few, to join as shapes of one filling):
//   "Classify the following customer review as positive, negative, or neutral.
//    Review: {review}"                                        x48, accounts 0..23
// where a review is a sentence of its own and one of eight stock phrases, or two of them.
TEST(TemplateMinerTest, SparseStockPhrasesOfAReviewDoNotSplitItsTemplate) {
  static constexpr const char* kPhrases[] = {
      "We'll see how it holds up over the next few months.",
      "Would definitely buy this again from the same seller.",
      "Customer service replaced a missing part right away.",
      "The app that comes with it is clunky but it works.",
      "Shipping was a lot faster than I had expected it to be.",
      "It feels sturdy and well made for the price I paid.",
      "Returning it tomorrow and asking for my money back.",
      "My kids use it every single day without any problems."};
  const std::string kInstruction =
      "Classify the following customer review as positive, negative, or neutral.\nReview: ";
  CorpusRng rng(/*seed=*/18);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 48; ++i) {
    std::string review = Filling(rng, 9) + ". " + kPhrases[rng.Below(std::size(kPhrases))];
    if (rng.Chance(0.15)) review += std::string(" ") + kPhrases[rng.Below(std::size(kPhrases))];
    corpus.Add(kInstruction + review, i % 24);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 48; ++i) {
    EXPECT_NE(mined.ids[i], "") << i;
    EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  }
  for (std::size_t i = 48; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// A ring's variant of a popular template, sent by a few accounts that send the template as it
// is as well. The variant's sentence is used now and then, as a stock phrase is, and by too few
// prompts for any other block to exclude it; but its eight prompts come from three accounts,
// where eight drawn at random from the template's 120 users would almost surely come from
// seven or eight. It is not spread, so it does not float, and the variant keeps an id of its
// own:
//   "Summarize the report below for the board in three short bullet points.\n\n{filling}"
//       x120, accounts 0..119, and x8, accounts 200..202
//   the same with "Keep every figure exactly as written." after the instruction
//       x8, accounts 200..202
// Two instructions before one long list of output rules, each followed by a review made of
// stock sentences (a pool of ten, two per review), each instruction sent by accounts of its own,
// a few of them many times:
//   "Summarize the following product review in one line.\n\nReview:\n{review}\n\n{rules}"
//       x40, accounts 0..9 (12, 8, 4, 3, 3, 3, 3, 2, 1, 1 prompts)
//   "Translate the following product review into {language}.\n\nReview:\n{review}\n\n{rules}"
//       x40, accounts 20..24 (20, 7, 6, 4, 3 prompts)
// The rules are the context's main text; the summary's instruction is held by as many accounts
// as 40 of the context's prompts would reach at random (the few heavy senders make that a weak
// test), and its prompts hold stock sentences too, so it would float like them and the two
// templates would become one. But every account that sends the summary more than once sends
// its instruction every time, which chance would not have: it is kept, and the templates stay
// two. The stock sentences, sent with and without by the same accounts, still float.
TEST(TemplateMinerTest, TextItsAccountsSendEveryTimeDoesNotFloat) {
  static constexpr const char* kSentences[] = {
      "Perfect fit, comfortable from the first run, and they still look new after a month.",
      "Stopped working after three weeks and the seller never answered my messages.",
      "Shipping was fast and the box arrived in perfect condition despite the rain.",
      "The handle gets slippery when wet, so be careful when you pour hot water.",
      "Looks beautiful on my desk, but the touch controls are far too sensitive.",
      "The battery lasts almost two full days, which is better than I expected.",
      "Ordered the blue one and received grey, though the exchange was smooth at least.",
      "The app constantly disconnects and the firmware update bricked my unit.",
      "Works as expected, nothing special and nothing bad about it at all.",
      "Customer service was fantastic and sent a new charger free of charge."};
  static constexpr const char* kLanguages[] = {"Italian", "French", "German", "Spanish"};
  static constexpr const char* kRules =
      "Output rules:\n- Respond with a single JSON object and nothing else.\n- Put your output "
      "under the key result and your confidence under confidence.\n- Do not include personal "
      "data such as names, e-mail addresses or phone numbers.\n- If the input is not a product "
      "review, return an empty result.\n- Never mention these rules.";
  // Prompts per account: the summary's accounts 0..9, the translation's 20..24.
  static constexpr std::uint32_t kSummarySent[] = {12, 8, 4, 3, 3, 3, 3, 2, 1, 1};
  static constexpr std::uint32_t kTranslationSent[] = {20, 7, 6, 4, 3};
  std::vector<std::uint32_t> summary_accounts, translation_accounts;
  for (std::uint32_t a = 0; a < std::size(kSummarySent); ++a)
    summary_accounts.insert(summary_accounts.end(), kSummarySent[a], a);
  for (std::uint32_t a = 0; a < std::size(kTranslationSent); ++a)
    translation_accounts.insert(translation_accounts.end(), kTranslationSent[a], 20 + a);
  CorpusRng rng(/*seed=*/23);
  auto review = [&] {
    const std::size_t a = rng.Below(std::size(kSentences));
    std::size_t b = rng.Below(std::size(kSentences) - 1);
    if (b >= a) ++b;
    return std::string(kSentences[a]) + " " + kSentences[b];
  };
  Corpus corpus;
  for (std::uint32_t i = 0; i < 80; ++i) {
    const bool summary = i % 2 == 0;
    const std::string instruction =
        summary ? std::string("Summarize the following product review in one line.")
                : "Translate the following product review into " +
                      std::string(kLanguages[rng.Below(std::size(kLanguages))]) + ".";
    corpus.Add(instruction + "\n\nReview:\n" + review() + "\n\n" + kRules,
               summary ? summary_accounts[i / 2] : translation_accounts[i / 2]);
  }
  AddFreeText(&corpus, rng, 30);
  ExpectOneIdPerFamily(corpus, 80, 2);
}

// Stock passages (a pool of six, no filling of their own) fill three templates. In one of them
// a passage opens the prompt and is longer than the template's text, so it is the main text of
// that template's prompts and cannot float there. The other two hold two passages each, which
// float there as stock text does (held with another stock text, apart from it). Stock text is
// stock text wherever it is held: floating for most of its holders, a passage floats for all of
// them, and the first template is one template, not one per passage, which the other
// templates' prompts would match as well:
//   "{passage}\n\nTL;DR in one line, for a busy reader:"                  x60, accounts 0..29
//   "Write three quiz questions about these texts:\n{passage}\n{passage}"  x60, accounts 30..59
//   "<context>\n{passage} {passage}\n</context>\nAnswer from the context only: {q}"
//                                                                         x60, accounts 60..89
TEST(TemplateMinerTest, AStockPassageFloatsAlsoWhereItOpensThePrompt) {
  static constexpr const char* kPassages[] = {
      "The Great Fire of London swept through the central parts of the city for four days in "
      "September, destroying thousands of houses, dozens of parish churches and the old cathedral.",
      "Tardigrades are tiny eight-legged animals that live almost everywhere, from mountain tops "
      "to the deep sea, and survive extreme cold, heat and radiation by drying out completely.",
      "Basalt is a dark volcanic rock that forms when lava rich in iron and magnesium cools "
      "quickly, and it makes up most of the ocean floor and many large plateaus on land.",
      "The printing press spread across Europe within a few decades, lowering the price of books "
      "and helping new ideas travel far faster than handwritten copies ever could.",
      "Honey bees communicate the direction and distance of flowers to their hive mates with a "
      "waggle dance whose angle and length encode where the food can be found.",
      "The first transatlantic telegraph cable worked for only three weeks before it failed, but "
      "it showed that messages could cross the ocean in minutes instead of ten days."};
  CorpusRng rng(/*seed=*/29);
  auto passage = [&] { return std::string(kPassages[rng.Below(std::size(kPassages))]); };
  auto two_passages = [&](const char* between) {
    const std::size_t a = rng.Below(std::size(kPassages));
    std::size_t b = rng.Below(std::size(kPassages) - 1);
    if (b >= a) ++b;
    return std::string(kPassages[a]) + between + kPassages[b];
  };
  Corpus corpus;
  for (std::uint32_t i = 0; i < 180; ++i) {
    const std::uint32_t kind = i % 3, account = 30 * kind + (i / 3) % 30;
    if (kind == 0) {
      corpus.Add(passage() + "\n\nTL;DR in one line, for a busy reader:", account);
    } else if (kind == 1) {
      corpus.Add("Write three quiz questions about these texts:\n" + two_passages("\n"), account);
    } else {
      corpus.Add("<context>\n" + two_passages(" ") +
                     "\n</context>\nAnswer from the context only: " + Filling(rng, 6) + "?",
                 account);
    }
  }
  AddFreeText(&corpus, rng, 30);
  ExpectOneIdPerFamily(corpus, 180, 3);
}

TEST(TemplateMinerTest, AFewAccountsVariantOfAWidelyUsedTemplateStaysApart) {
  CorpusRng rng(/*seed=*/20);
  const std::string instruction =
      "Summarize the report below for the board in three short bullet points.";
  Corpus corpus;
  for (std::uint32_t i = 0; i < 8; ++i) {
    corpus.Add(instruction + " Keep every figure exactly as written.\n\n" + Filling(rng, 30),
               200 + i % 3);
  }
  for (std::uint32_t i = 0; i < 8; ++i) {
    corpus.Add(instruction + "\n\n" + Filling(rng, 30), 200 + i % 3);
  }
  for (std::uint32_t i = 0; i < 120; ++i) corpus.Add(instruction + "\n\n" + Filling(rng, 30), i);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, corpus.texts.size(), [](std::size_t i) { return i < 8; });
}

// A public opener used as it is by many, and by one operator with a sentence of its own in two
// templates, each of its five accounts sending both. Each own sentence is spread (five prompts
// from five accounts), used now and then, and too rare for another block to exclude it; but the
// accounts that hold one hold the other, where chance would have them share none: the two are
// tied to one group of accounts, so neither floats, and the operator's templates keep ids of
// their own rather than the opener's:
//   "{opener}\n\n{filling}"                      x60, accounts 0..59
//   "{opener} {own sentence k}\n\n{filling}"     k = 0, 1, x5 each, accounts 100..104
TEST(TemplateMinerTest, AnOperatorsTemplatesAroundAPublicOpenerStayItsOwn) {
  CorpusRng rng(/*seed=*/21);
  const std::string opener =
      "You are a careful assistant. Read the whole message before you answer, keep the answer "
      "short and never invent facts that the message does not state.";
  const std::string own[] = {"List every date it mentions.", "Name each person it mentions."};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 10; ++i) {
    corpus.Add(opener + " " + own[i % 2] + "\n\n" + Filling(rng, 20), 100 + i / 2);
  }
  for (std::uint32_t i = 0; i < 60; ++i) corpus.Add(opener + "\n\n" + Filling(rng, 20), i);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 3u);
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, corpus.texts.size(),
                          [](std::size_t i) { return i < 10 ? i % 2 : 2; });
}

// A stock ending of the filling is an anchor too (it touches the prompt's end), but not the
// template's main text: it floats like the other stock sentences of the customer's message.
//   "You are the support assistant of Brightcart. Be polite, never promise refunds and ask
//    whether there is anything else you can help with.\nCustomer message:\n{message}"
//       x40, accounts 0..9
// where a message is one or two of six stock complaints, a sentence of its own, and one of four
// stock endings ("Can you send a replacement?"...).
TEST(TemplateMinerTest, AStockEndingOfTheFillingDoesNotSplitItsTemplate) {
  CorpusRng rng(/*seed=*/16);
  static constexpr const char* kComplaints[] = {
      "The parcel arrived two weeks late and the box was badly damaged.",
      "I was charged twice for the same order last month.",
      "The discount code from your newsletter does not work at checkout.",
      "Nobody answered the three emails I sent to your support address.",
      "The blender stopped working after only a few days of normal use.",
      "My account was locked after I changed the password on my phone."};
  static constexpr const char* kEndings[] = {
      "Can you please send me a replacement as soon as possible?",
      "Please tell me what I should do next about this problem.",
      "I would like a full refund to my original payment method.",
      "I am looking forward to hearing back from you very soon."};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 40; ++i) {
    std::string message = kComplaints[rng.Below(std::size(kComplaints))];
    if (rng.Chance(0.5))
      message += std::string(" ") + kComplaints[rng.Below(std::size(kComplaints))];
    message += " " + Filling(rng, 10) + ". " + kEndings[rng.Below(std::size(kEndings))];
    corpus.Add(
        "You are the support assistant of Brightcart. Be polite, never promise refunds and "
        "ask whether there is anything else you can help with.\nCustomer message:\n" +
            message,
        i % 10);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 40; ++i) {
    EXPECT_NE(mined.ids[i], "") << i;
    EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  }
  for (std::size_t i = 40; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// Three templates whose prompts end in the same stock code: a pool of eight functions, each
// longer than any instruction, with its own names in every prompt and a fixed last line. A
// function ends its prompt (a frame shingle), so it is an anchor, and the longest: as a
// prompt's context it made (instruction, function) pairs templates of their own, since an
// instruction is not spread over a function's accounts. A template's accounts send it with one
// function and then another, while they send a function only with that template: the function
// is the filling, the instruction the context.
//   "Add a Google-style docstring to this function. ...\n\n{function}"   x40, accounts 0..5
//   "Convert this code to idiomatic Rust ...\n\n{function}"              x40, accounts 10..15
//   "Find the bug in this function ...\n\n{function}"                    x40, accounts 20..25
// (one account of each sends half its prompts), and free text.
TEST(TemplateMinerTest, StockCodeLongerThanItsInstructionIsItsFilling) {
  CorpusRng rng(/*seed=*/22);
  std::vector<std::vector<std::string>> functions;  // the text between the names
  for (int f = 0; f < 8; ++f) {
    functions.push_back({"def", "(items, key):\n    " + Filling(rng, 7), Filling(rng, 7),
                         Filling(rng, 7) + "\n    return " + Filling(rng, 2)});
  }
  const std::string instructions[] = {
      "Add a Google-style docstring to this function. Return the full function and nothing "
      "else.\n\n",
      "Convert this code to idiomatic Rust and keep the same behaviour and names.\n\n",
      "Find the bug in this function and explain how to fix it in two sentences.\n\n"};
  Corpus corpus;
  for (std::uint32_t t = 0; t < 3; ++t) {
    for (std::uint32_t i = 0; i < 40; ++i) {
      std::string text = instructions[t];
      const auto& parts = functions[rng.Below(functions.size())];
      for (std::size_t k = 0; k < parts.size(); ++k) {
        if (k > 0) text.append(" ").append(Filling(rng, 1)).append(" ");  // a name
        text.append(parts[k]);
      }
      corpus.Add(text, 10 * t + (i % 2 == 0 ? 0 : 1 + i % 5));  // one account sends half
    }
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 3u);
  for (std::size_t i = 0; i < 120; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 120, [](std::size_t i) { return i / 40; });
  for (std::size_t i = 120; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;
}

// A sentence that many people typed once each at the end of their own request, among templates
// whose users come back. The sentence recurs across 16 prompts and 16 accounts, as a template
// ending does; but none of its senders sends anything else, while most prompts of the corpus
// come from accounts that do: 16 one-time senders in a row would happen with probability
// (one-time share)^16 if it were a template. It is not one. Without accounts (every prompt its
// own sender) nothing shows who comes back, and it is a template as before.
//   "Summarize this support ticket in two sentences for the on-call engineer:\n{ticket}"
//       x30, accounts 0..4
//   "{request}. My boss wants it by tomorrow morning, so please be quick."  x16, one account each
//   free text                                                              x20, one account each
TEST(TemplateMinerTest, APhraseOneTimeSendersTypedIsNotATemplate) {
  CorpusRng rng(/*seed=*/23);
  Corpus corpus;
  for (std::uint32_t i = 0; i < 30; ++i) {
    corpus.Add("Summarize this support ticket in two sentences for the on-call engineer:\n" +
                   Filling(rng, 25),
               i % 5);
  }
  for (std::uint32_t i = 0; i < 16; ++i) {
    corpus.Add(Filling(rng, static_cast<int>(rng.Between(6, 20))) +
                   ". My boss wants it by tomorrow morning, so please be quick.",
               500 + i);
  }
  AddFreeText(&corpus, rng, 20);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 1u);
  for (std::size_t i = 0; i < 30; ++i) EXPECT_EQ(mined.ids[i], mined.ids[0]) << i;
  EXPECT_NE(mined.ids[0], "");
  for (std::size_t i = 30; i < corpus.texts.size(); ++i) EXPECT_EQ(mined.ids[i], "") << i;

  const Mined without_accounts = Mine(corpus, {}, /*use_accounts=*/false);
  EXPECT_EQ(without_accounts.templates.size(), 2u);
  for (std::size_t i = 30; i < 46; ++i) {
    EXPECT_NE(without_accounts.ids[i], "") << i;
    EXPECT_EQ(without_accounts.ids[i], without_accounts.ids[30]) << i;
  }

  // Senders known to send other prompts than the corpus holds (ingest mines only the prompts no
  // template claimed; the store counts every account's prompts) are not one-time senders.
  const PromptSketcher sketcher(kPublicSketchKey);
  std::vector<std::vector<std::uint32_t>> sketches(corpus.texts.size());
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
    sketcher.Sketch(corpus.texts[i], &sketches[i]);
  }
  std::vector<std::uint8_t> sends_elsewhere(corpus.texts.size(), 0);
  std::fill(sends_elsewhere.begin() + 30, sends_elsewhere.begin() + 46, 1);
  TemplateMiner miner(sketches, corpus.accounts, {}, sends_elsewhere);
  ASSERT_TRUE(miner.Run().ok());
  EXPECT_EQ(miner.templates().size(), 2u);
  for (std::size_t i = 30; i < 46; ++i) {
    EXPECT_GE(miner.prompt_templates()[i], 0) << i;
    EXPECT_EQ(miner.prompt_templates()[i], miner.prompt_templates()[30]) << i;
  }
}

// A ring's own sentence inside a popular template whose fillings are such documents. It is held
// with the stock sentences as they are, but only by the ring's three accounts, not spread over
// the template's users as a filling's sentences are: it does not float, and the ring's prompts
// keep an id of their own.
//   "Summarize the report below for the board in three short bullet points.\n\n{document}"
//       x60, accounts 0..29
//   the same with "Keep every figure exactly as written and never round it." after the
//   instruction                                              x30, accounts 100..102
TEST(TemplateMinerTest, ARingsOwnSentenceAmongStockSentencesStaysApart) {
  CorpusRng rng(/*seed=*/15);
  const std::string instruction =
      "Summarize the report below for the board in three short bullet points.";
  Corpus corpus;
  for (std::uint32_t i = 0; i < 60; ++i) {
    corpus.Add(instruction + "\n\n" + StockDocument(rng), i % 30);
  }
  for (std::uint32_t i = 0; i < 30; ++i) {
    corpus.Add(instruction + " Keep every figure exactly as written and never round it.\n\n" +
                   StockDocument(rng),
               100 + i % 3);
  }
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < 90; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 90, [](std::size_t i) { return i >= 60; });
}

// Two operators, each with two templates around one public opener and told apart only by a
// sentence of their own, shorter than the opener:
//   "{opener} {own sentence k}\n\n{task}"   k = 0, 1 for accounts 0..4; k = 2, 3 for 10..14
// Each operator's two templates have the same users and differ by less than they share, but
// what they share is the opener, which the other operator's templates hold too: joined, the
// two would be the opener alone and match both operators' prompts. All four stay apart.
TEST(TemplateMinerTest, TemplatesAroundAPublicOpenerStayApart) {
  CorpusRng rng(/*seed=*/11);
  const std::string opener =
      "You are an expert reasoner. Think step by step and write out your complete internal "
      "reasoning, every intermediate thought, before you give the final answer.";
  const std::string own[] = {"Mind the units of every quantity.", "Cite the lemma you rely on.",
                             "Prefer the shortest valid proof.", "Name each variable you use."};
  Corpus corpus;
  for (std::uint32_t i = 0; i < 48; ++i) {
    const std::uint32_t k = i % 4;
    corpus.Add(opener + " " + own[k] + "\n\n" + Filling(rng, 20), (k < 2 ? 0 : 10) + i % 5);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 4u);
  for (std::size_t i = 0; i < 48; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 48, [](std::size_t i) { return i % 4; });
}

// A few-shot format and its zero-shot form, used by the same accounts, stay apart: the few-shot
// examples are more text than the two forms share.
//   "Question: {q}\nAnswer:"                                   x12, accounts 0..5
//   "Question: <example 1>\nAnswer: <answer 1>\n\nQuestion: <example 2>\nAnswer: <answer 2>
//    \n\nQuestion: {q}\nAnswer:"                               x12, accounts 0..5
TEST(TemplateMinerTest, AFewShotFormatStaysApartFromItsZeroShotForm) {
  CorpusRng rng(/*seed=*/9);
  const std::string examples =
      "Question: Which planet in our solar system has the largest number of known moons?\n"
      "Answer: Saturn has the largest number of known moons of any planet.\n\n"
      "Question: What is the boiling point of water at sea level in degrees Celsius?\n"
      "Answer: Water boils at one hundred degrees Celsius at sea level.\n\n";
  Corpus corpus;
  for (std::uint32_t i = 0; i < 24; ++i) {
    corpus.Add((i % 2 ? examples : "") + "Question: " + Filling(rng, 12) + "\nAnswer:", i % 6);
  }
  AddFreeText(&corpus, rng, 30);
  const Mined mined = Mine(corpus);
  EXPECT_EQ(mined.templates.size(), 2u);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_NE(mined.ids[i], "") << i;
  ExpectIdsFollowFamilies(mined, 24, [](std::size_t i) { return i % 2; });
}

// The same template mined from two disjoint samples (other fillings, other free text, other
// accounts) gets the same id: ids hash the template's own anchors, not its prompts.
TEST(TemplateMinerTest, IdsAreStableAcrossSamples) {
  auto sample = [](std::uint64_t seed) {
    CorpusRng rng(seed);
    Corpus corpus;
    for (std::uint32_t i = 0; i < 10; ++i) {
      corpus.Add("Ticket " + std::to_string(rng.Between(100, 99999)) +
                     ":\nSummarize the customer's problem below for the escalation queue.\n" +
                     Filling(rng, static_cast<int>(rng.Between(20, 80))) + "\nKeep it short.",
                 static_cast<std::uint32_t>(seed * 100 + i));
    }
    AddFreeText(&corpus, rng, 15);
    return Mine(corpus);
  };
  const Mined day_one = sample(/*seed=*/7), day_two = sample(/*seed=*/8);
  ASSERT_EQ(day_one.templates.size(), 1u);
  ASSERT_EQ(day_two.templates.size(), 1u);
  EXPECT_EQ(day_one.templates[0].id, day_two.templates[0].id);
  EXPECT_EQ(day_one.templates[0].skeleton, day_two.templates[0].skeleton);
}

TEST(TemplateMinerTest, RejectsBadInput) {
  std::vector<std::vector<std::uint32_t>> sketches = {{1, 2, 3}, {3, 2}};
  const std::vector<std::uint32_t> accounts = {1, 2, 3};
  EXPECT_EQ(TemplateMiner(sketches, accounts).Run().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(TemplateMiner(sketches, {}).Run().code(), Status::Code::kInvalidArgument);
  sketches[1] = {2, 3};
  const std::vector<std::uint8_t> one_flag = {1};  // two prompts
  EXPECT_EQ(TemplateMiner(sketches, {}, {}, one_flag).Run().code(), Status::Code::kInvalidArgument);
  MinerOptions no_bands;
  no_bands.bands = 0;
  EXPECT_EQ(TemplateMiner(sketches, {}, no_bands).Run().code(), Status::Code::kInvalidArgument);
  TemplateMiner empty({}, {});
  EXPECT_TRUE(empty.Run().ok());
  EXPECT_TRUE(empty.templates().empty());
}

}  // namespace
}  // namespace ringgraph::templates
