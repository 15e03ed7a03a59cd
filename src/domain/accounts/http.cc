#include "domain/accounts/http.h"

#include "domain/accounts/service.h"

namespace cohort::accounts {

Result<Actor> ActorOf(db::Database& db, const http::Request& request) {
  auto auth = request.Header("authorization");
  if (auth.empty()) return Actor{};
  constexpr std::string_view kBearer = "Bearer ";
  if (!auth.starts_with(kBearer)) return Error::Unauthenticated("unsupported authorization scheme");
  return AuthenticateToken(db, std::string(auth.substr(kBearer.size())));
}

}  // namespace cohort::accounts
