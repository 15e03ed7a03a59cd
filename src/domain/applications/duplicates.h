#pragma once
// Finding the same person applying twice to a call under two accounts.
// Three keys, any one shared marks both applications "possible duplicate":
//   phone       the digits of the first phone answer (with the country code
//               when written with +; a leading 0 counts as Azerbaijan's 994)
//   name+birth  the account's name, transliterated to Latin letters, its
//               words sorted, with the answer to the first date question
//               whose key contains "birth"
//   email       the account's address, or an e-mail answer
// Pure: no I/O.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/programmes/model.h"

namespace cohort::applications {

struct DedupeKeys {
  std::optional<std::string> phone, name_birth, email;
};

DedupeKeys KeysOf(const programmes::Form& form, const nlohmann::json& answers, const std::string& account_name,
                  const std::string& account_email);
// "Məmmədova  Leyla" and "leyla mammadova" give the same text.
std::string NormaliseName(const std::string& name);

}  // namespace cohort::applications
