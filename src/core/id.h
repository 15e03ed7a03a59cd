#pragma once
// Identifiers. Every stored object has an opaque, time-ordered, random id
// (26 characters of Crockford base32: 48 bits of milliseconds, 80 random
// bits). Ids sort by creation time, which keeps cursor pagination simple,
// and they reveal nothing about how many objects exist.
#include <compare>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace cohort {

// A new id for an object created at `now`.
std::string NewId(TimePoint now);

// True when `s` has the shape of an id (so a malformed path parameter is a
// 404 without touching the database).
bool LooksLikeId(std::string_view s);

// Strong id types: an ApplicationId is not an AccountId.
template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

}  // namespace cohort
