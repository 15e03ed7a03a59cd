#pragma once
// Reviewer assignment engine: gives every application k reviewers, balancing
// load under per-reviewer caps and never pairing a reviewer with an
// application they conflict with. Pure: no I/O, no randomness; the same
// input gives the same output, and every choice is explained.
//
// The rule: applications are served in index order; each takes, among the
// reviewers not already on it, not conflicted and below their cap, the one
// with the lowest load so far. Ties are broken by a fixed hash: the j-th pick
// for application a takes, of the tied reviewers, the first at or after
// index s(a, j) = splitmix64(a << 32 | j) mod reviewers, wrapping around, so
// that the same reviewers are not always grouped together (which also keeps
// calibration well connected).
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace cohort::engines {

// Lists of small numbers per item in compressed form: the tags of item i are
// tags[offsets[i] .. offsets[i+1]), each list sorted ascending.
// offsets.size() == items + 1 (or empty: no item has tags).
struct TagLists {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> tags;
};

struct AssignmentInput {
  uint32_t applications = 0;      // indices 0..applications-1
  uint32_t reviewers = 0;         // indices 0..reviewers-1
  uint32_t per_application = 3;   // k
  // Maximum assignments per reviewer, existing ones included; size ==
  // reviewers. 0: the reviewer takes none.
  std::vector<uint32_t> load_cap;
  // Assignments that exist already (manual, or from an earlier run): kept,
  // counted toward k and toward the reviewer's load. (application, reviewer).
  std::vector<std::pair<uint32_t, uint32_t>> existing;
  // Load each reviewer carries from applications outside this input (e.g.
  // when one application is re-assigned after a conflict); counts toward
  // the cap and the balance. Empty, or size == reviewers.
  std::vector<uint32_t> initial_load;
  // Conflicts declared by reviewers (or entered by coordinators), sorted
  // ascending. (application, reviewer).
  std::vector<std::pair<uint32_t, uint32_t>> declared_conflicts;
  // Rule conflicts: a reviewer conflicts with every application sharing one
  // of its tags (a university, an organisation …, numbered by the caller).
  TagLists application_tags;
  TagLists reviewer_tags;
};

struct Assignment {
  uint32_t application = 0;
  uint32_t reviewer = 0;
  uint32_t load_before = 0;  // the reviewer's load when chosen: "the least loaded"
};

// An application that did not get k reviewers, and why: of the reviewers
// not on it, how many were excluded by a declared conflict, by a shared tag,
// or by their cap.
struct Shortfall {
  uint32_t application = 0;
  uint32_t missing = 0;
  uint32_t declared_conflicts = 0;
  uint32_t tag_conflicts = 0;
  uint32_t at_cap = 0;
};

struct AssignmentResult {
  std::vector<Assignment> added;       // by application, then in the order chosen
  std::vector<Shortfall> shortfalls;   // ascending by application
  std::vector<uint32_t> load;          // final load per reviewer, existing included
};

// Precondition: per_application ≥ 1, load_cap.size() == reviewers, every
// index in range (the caller maps ids and checks "more reviewers asked for
// than exist" with a message of its own). Target: 300,000 applications × 3
// of 2,500 reviewers in well under a second.
AssignmentResult Assign(const AssignmentInput& input);

// True when reviewer r conflicts with application a (declared or by tag).
bool Conflicts(const AssignmentInput& input, uint32_t application, uint32_t reviewer);

}  // namespace cohort::engines
