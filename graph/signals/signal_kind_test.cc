#include "graph/signals/signal_kind.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

TEST(KindRegistryTest, BuiltinKindsHaveStableCodes) {
  KindRegistry kinds = KindRegistry::Builtin();
  EXPECT_EQ(kinds.FindByName("payment")->code, kPaymentKind);
  EXPECT_EQ(kinds.FindByName("prompt")->treatment, ValueTreatment::kPromptText);
  EXPECT_TRUE(kinds.FindByName("ip")->is_ip);
  EXPECT_EQ(kinds.FindByName("phone"), nullptr);
}

TEST(KindRegistryTest, DeclaredKindsExtendTheBuiltins) {
  auto kinds = KindRegistry::ParseDeclared(R"({"kinds":[{"name":"phone","code":16}]})", "k.json");
  ASSERT_TRUE(kinds.ok()) << kinds.status().ToString();
  EXPECT_EQ(kinds->FindByName("phone")->code, 16);
  EXPECT_EQ(kinds->FindByCode(16)->name, "phone");
}

TEST(KindRegistryTest, RejectsBadDeclarationsWithTheReason) {
  const char* bad[] = {
      R"({"kinds":[{"name":"ip","code":17}]})",                        // shadows a built-in
      R"({"kinds":[{"name":"Phone","code":16}]})",                     // bad name
      R"({"kinds":[{"name":"phone","code":3}]})",                      // reserved code
      R"({"kinds":[{"name":"a","code":16},{"name":"b","code":16}]})",  // reused code
      R"({"kinds":"phone"})",
      "not json"};
  for (const char* text : bad) {
    auto kinds = KindRegistry::ParseDeclared(text, "k.json");
    EXPECT_FALSE(kinds.ok()) << text;
    if (!kinds.ok()) {
      EXPECT_NE(kinds.status().message().find("k.json"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace ringgraph
