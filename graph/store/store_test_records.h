// Records and stores for the store's tests: values stood for by a hash of one repeated byte.
// Test-only; included by the tests of graph/store.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "graph/store/account_store.h"

namespace ringgraph::store::test_records {

inline ValueHash HashOf(std::uint8_t fill) {
  ValueHash h;
  h.fill(fill);
  return h;
}

// One observation of value `value` (its hash HashOf(value)) of `kind` by `account` at `ts`.
inline StoreRecord Rec(std::string_view account, KindCode kind, std::uint8_t value,
                       UnixSeconds ts) {
  StoreRecord r;
  r.account = account;
  r.kind = kind;
  r.value = HashOf(value);
  r.ts = ts;
  return r;
}

// A sampled prompt that matched no template: it counts towards prompt volume only.
inline StoreRecord UnmatchedPrompt(std::string_view account, UnixSeconds ts) {
  StoreRecord r;
  r.account = account;
  r.kind = kPromptKind;
  r.ts = ts;
  r.has_signal = false;
  r.counts_prompt = true;
  return r;
}

inline std::unique_ptr<AccountStore> OpenOrDie(const std::string& dir, StoreOptions options = {}) {
  auto store = AccountStore::Open(dir, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

}  // namespace ringgraph::store::test_records
