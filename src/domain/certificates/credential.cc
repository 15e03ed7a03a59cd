#include "domain/certificates/credential.h"

namespace cohort::certificates {
namespace {

using nlohmann::json;

// JSON Canonicalization (RFC 8785) for what these documents hold (texts,
// whole numbers, objects, arrays): sorted keys, no spaces, UTF-8.
std::string Canonical(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

}  // namespace

std::string Payload(const Statement& s) {
  return Canonical({{"v", 1},
                    {"serial", s.serial},
                    {"holder", s.holder},
                    {"programme", s.programme},
                    {"organisation", s.organisation},
                    {"intake", s.intake},
                    {"from", s.from},
                    {"to", s.to},
                    {"hours", s.hours},
                    {"issued", s.issued}});
}

std::optional<Statement> ParsePayload(const std::string& payload) {
  const json j = json::parse(payload, nullptr, false);
  if (!j.is_object() || j.value("v", 0) != 1) return std::nullopt;
  for (const char* key : {"serial", "holder", "programme", "organisation", "intake", "from", "to", "issued"}) {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  }
  if (!j.contains("hours") || !j["hours"].is_number_integer()) return std::nullopt;
  Statement s;
  s.serial = j["serial"];
  s.holder = j["holder"];
  s.programme = j["programme"];
  s.organisation = j["organisation"];
  s.intake = j["intake"];
  s.from = j["from"];
  s.to = j["to"];
  s.hours = j["hours"];
  s.issued = j["issued"];
  return s;
}

std::string Token(const std::string& payload, const std::string& signature) {
  return Base64Url(payload) + "." + Base64Url(signature);
}

std::optional<std::pair<std::string, std::string>> SplitToken(const std::string& token) {
  const auto dot = token.find('.');
  if (dot == std::string::npos || token.size() > 4096) return std::nullopt;
  std::string payload, signature;
  if (!FromBase64Url(token.substr(0, dot), payload)) return std::nullopt;
  if (!FromBase64Url(token.substr(dot + 1), signature)) signature.clear();
  return std::pair{payload, signature};
}

namespace {

// eddsa-jcs-2022: the signature covers SHA-256 of the canonical proof
// options (with the document's @context) followed by SHA-256 of the
// canonical document without its proof.
std::string ProofInput(const json& document, json proof) {
  proof.erase("proofValue");
  proof["@context"] = document["@context"];
  json unsecured = document;
  unsecured.erase("proof");
  return Sha256(Canonical(proof)) + Sha256(Canonical(unsecured));
}

}  // namespace

json OpenBadge(const Certificate& c, const Signer& signer, const std::string& base_url, const std::string& issued_at) {
  const Statement& s = c.statement;
  const std::string did = signer.Did();
  json credential = {
      {"@context",
       {"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
      {"id", base_url + "/api/v1/certificates/" + s.serial + "/badge"},
      {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
      {"name", s.programme + " — " + s.intake},
      {"issuer", {{"id", did}, {"type", {"Profile"}}, {"name", s.organisation}}},
      {"validFrom", issued_at},
      {"credentialSubject",
       {{"type", {"AchievementSubject"}},
        {"name", s.holder},
        {"achievement",
         {{"id", base_url + "/verify?serial=" + s.serial},
          {"type", {"Achievement"}},
          {"name", s.programme},
          {"description", s.programme + " (" + s.intake + "), " + s.from + " – " + s.to + ", " +
                              std::to_string(s.hours) + " h"},
          {"criteria", {{"narrative", "Completed the programme under its completion rules: attendance, "
                                      "evaluations and final work where required."}}},
          {"achievementType", "Certificate"}}}}},
      {"evidence", {{{"id", base_url + "/verify?serial=" + s.serial}, {"type", {"Evidence"}},
                     {"name", "Certificate " + s.serial}}}}};
  json proof = {{"type", "DataIntegrityProof"},
                {"cryptosuite", "eddsa-jcs-2022"},
                {"created", issued_at},
                {"verificationMethod", did + "#" + did.substr(std::string("did:key:").size())},
                {"proofPurpose", "assertionMethod"}};
  proof["proofValue"] = "z" + Base58Btc(signer.Sign(ProofInput(credential, proof)));
  credential["proof"] = proof;
  return credential;
}

bool VerifyOpenBadge(const json& credential, const Signer& signer) {
  if (!credential.is_object() || !credential.contains("proof") || !credential["proof"].is_object()) return false;
  const json& proof = credential["proof"];
  const std::string value = proof.value("proofValue", "");
  if (value.size() < 2 || value[0] != 'z') return false;
  // Decode base58btc.
  static constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::vector<unsigned char> bytes;  // base 256, least significant first
  for (char ch : value.substr(1)) {
    const auto digit = kAlphabet.find(ch);
    if (digit == std::string_view::npos) return false;
    int carry = static_cast<int>(digit);
    for (auto& b : bytes) {
      carry += b * 58;
      b = static_cast<unsigned char>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<unsigned char>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::string signature(bytes.rbegin(), bytes.rend());
  for (char ch : value.substr(1)) {
    if (ch != '1') break;
    signature.insert(signature.begin(), '\0');
  }
  return signer.Verify(ProofInput(credential, proof), signature);
}

}  // namespace cohort::certificates
