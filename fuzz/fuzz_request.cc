// Query strings, percent-encoding, cookies and Accept-Language.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/request.h"
#include "i18n/locale.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  cohort::http::Request r;
  r.query = input;
  r.headers = {{"cookie", input}, {"accept-language", input}};
  (void)r.QueryParam("limit");
  (void)r.QueryParam(input.substr(0, 8));
  (void)r.Cookie("cohort_session");
  (void)cohort::http::PercentDecode(input, true);
  (void)cohort::http::PercentDecode(input, false);
  (void)cohort::i18n::FromAcceptLanguage(input);
  (void)cohort::i18n::ParseLocale(input);
  return 0;
}
