#include "i18n/catalog.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cohort::i18n {
namespace {

void Flatten(const nlohmann::json& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) Flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (node.is_string()) {
    out[prefix] = node.get<std::string>();
  }
}

std::size_t Index(Locale l) { return static_cast<std::size_t>(l); }

}  // namespace

Catalog Catalog::FromFiles(const std::vector<EmbeddedFile>& files) {
  Catalog c;
  for (const auto& f : files) {
    auto locale = ParseLocale(f.name.substr(0, 2));
    if (!locale || !f.name.ends_with(".json")) continue;
    auto doc = nlohmann::json::parse(f.content, nullptr, false);
    if (doc.is_discarded()) continue;
    Flatten(doc, "", c.texts_[Index(*locale)]);
  }
  return c;
}

const Catalog& Catalog::Embedded() {
  static const Catalog catalog = FromFiles(EmbeddedCatalogues());
  return catalog;
}

bool Catalog::Has(Locale locale, std::string_view key) const {
  return texts_[Index(locale)].contains(std::string(key));
}

std::vector<std::string> Catalog::Keys(Locale locale) const {
  std::vector<std::string> out;
  for (const auto& [key, text] : texts_[Index(locale)]) {
    std::string base = key;
    for (const char* suffix : {"_zero", "_one", "_two", "_few", "_many", "_other"}) {
      if (base.ends_with(suffix)) {
        base.resize(base.size() - std::string_view(suffix).size());
        break;
      }
    }
    if (out.empty() || out.back() != base) out.push_back(base);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string Catalog::Text(Locale locale, std::string_view key, const std::map<std::string, std::string>& params) const {
  const std::string k(key);
  const auto& own = texts_[Index(locale)];
  auto it = own.find(k);
  if (it == own.end()) {
    const auto& english = texts_[Index(Locale::kEn)];
    it = english.find(k);
    if (it == english.end()) return k;
  }
  std::string text = it->second;
  for (const auto& [name, value] : params) {
    const std::string placeholder = "{{" + name + "}}";
    for (auto pos = text.find(placeholder); pos != std::string::npos; pos = text.find(placeholder, pos + value.size())) {
      text.replace(pos, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace cohort::i18n
