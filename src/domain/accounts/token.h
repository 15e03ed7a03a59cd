#pragma once
// Personal API tokens: 32 random bytes shown once as "cht_<base64url>";
// only their BLAKE2b hash is stored.
#include <string>
#include <string_view>

namespace cohort::accounts {

std::string NewApiToken();
// 32 random bytes, base64url: session cookies, CSRF tokens, e-mail links.
std::string RandomToken();
std::string HashApiToken(std::string_view token);

}  // namespace cohort::accounts
