#pragma once
// Message catalogues (the i18next JSON files of the web UI). Keys are
// dotted paths ("errors.not_found"); `{{name}}` placeholders are filled
// from `params`.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_file.h"
#include "i18n/locale.h"

namespace cohort::i18n {

class Catalog {
 public:
  // The catalogues compiled into the binary; parsed once.
  static const Catalog& Embedded();
  // Parses {name: "az.json", content} files; a malformed file is skipped.
  static Catalog FromFiles(const std::vector<EmbeddedFile>& files);

  // The text for `key` in `locale`, else in English, else the key itself.
  std::string Text(Locale locale, std::string_view key, const std::map<std::string, std::string>& params = {}) const;
  bool Has(Locale locale, std::string_view key) const;
  // Every key of `locale`, plural suffixes (_one, _few, ...) removed, sorted.
  std::vector<std::string> Keys(Locale locale) const;

 private:
  std::map<std::string, std::string> texts_[3];  // flattened dotted keys per locale
};

const std::vector<EmbeddedFile>& EmbeddedCatalogues();

}  // namespace cohort::i18n
