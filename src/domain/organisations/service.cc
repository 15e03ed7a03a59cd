#include "domain/organisations/service.h"

#include <algorithm>
#include <cctype>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"
#include "domain/organisations/policy.h"
#include "domain/organisations/store.h"

namespace cohort::organisations {
namespace {

std::vector<FieldError> Validate(const NewOrganisation& in) {
  std::vector<FieldError> errors;
  const bool slug_ok = in.slug.size() >= 2 && in.slug.size() <= 16 &&
                       std::all_of(in.slug.begin(), in.slug.end(), [](unsigned char c) {
                         return std::isupper(c) || std::isdigit(c) || c == '-';
                       });
  if (in.slug.empty()) errors.push_back({"slug", "required", "required"});
  else if (!slug_ok) errors.push_back({"slug", "invalid_slug", "2-16 capital letters, digits or '-'"});
  if (in.name.empty()) errors.push_back({"name", "required", "required"});
  else if (in.name.size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  const bool country_ok = in.country.size() == 2 && std::isupper(static_cast<unsigned char>(in.country[0])) &&
                          std::isupper(static_cast<unsigned char>(in.country[1]));
  if (!country_ok) errors.push_back({"country", "invalid_country", "a two-letter ISO 3166 code such as AZ"});
  return errors;
}

}  // namespace

Result<Organisation> Service::Create(const RequestContext& ctx, const NewOrganisation& input) {
  const auto decision = CanCreateOrganisation(ctx.actor);
  if (!decision.allowed) {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated(decision.reason);
    return Error::PermissionDenied(decision.reason);
  }
  if (auto errors = Validate(input); !errors.empty()) {
    return Error::InvalidArgument("invalid organisation", std::move(errors));
  }
  const auto now = ctx.clock.Now();
  Organisation o{NewId(now), input.slug, input.name, input.country, FormatUtc(now)};
  return db_.Write([&](db::Tx& tx) -> Result<Organisation> {
    if (auto r = store::Insert(tx, o); !r) return r.error();
    const std::string after = R"({"slug":")" + o.slug + R"(","name":")" + JsonEscape(o.name) + R"(","country":")" +
                              o.country + "\"}";
    if (auto a = trail_.Append(tx, ctx, {o.id, "organisation", o.id, "create", "", after}); !a) return a.error();
    return o;
  });
}

Result<Organisation> Service::Get(const RequestContext&, const std::string& id) {
  if (!LooksLikeId(id)) return Error::NotFound("no such organisation");
  auto found = db_.Read([&](db::Tx& tx) { return store::Get(tx, id); });
  if (!found) return found.error();
  if (!*found) return Error::NotFound("no such organisation");
  return std::move(**found);
}

Result<Page> Service::List(const RequestContext&, int limit, const std::string& cursor) {
  if (limit < 1 || limit > 100) {
    return Error::InvalidArgument("bad limit", {{"limit", "out_of_range", "between 1 and 100"}});
  }
  if (!cursor.empty() && !LooksLikeId(cursor)) {
    return Error::InvalidArgument("bad cursor", {{"cursor", "invalid_cursor", "not a cursor from this list"}});
  }
  auto rows = db_.Read([&](db::Tx& tx) { return store::List(tx, cursor, limit + 1); });
  if (!rows) return rows.error();
  Page page;
  page.items = std::move(*rows);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

}  // namespace cohort::organisations
