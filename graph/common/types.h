// The scalar types every part of the engine agrees on, defined once.
#pragma once

#include <cstdint>

namespace ringgraph {

// Dense account id assigned by the store in arrival order, starting at 0. 32 bits cover the
// 10^8-account scale in DOMAIN.md with room to spare.
using AccountId = std::uint32_t;
// Dense id of a distinct (kind, keyed hash) signal value, assigned by the store.
using SignalId = std::uint32_t;
// A vertex of a projected graph. Equal to AccountId when the graph is the account graph.
using NodeId = std::uint32_t;
// An edge position in a CSR graph; 64 bits because 10^9 links times two directions overflow 32.
using EdgeIndex = std::uint64_t;
// Edge weight as stored; sums of weights are accumulated in double.
using WeightT = float;
// Seconds since the Unix epoch, UTC.
using UnixSeconds = std::int64_t;

inline constexpr AccountId kNoAccount = 0xFFFFFFFFu;
inline constexpr SignalId kNoSignal = 0xFFFFFFFFu;

}  // namespace ringgraph
