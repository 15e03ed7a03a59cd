#pragma once
// A certificate's signed forms. Pure: no I/O.
//
// The payload is the Statement as compact JSON with sorted keys; the token
// the QR code carries is base64url(payload) "." base64url(signature), so a
// verifier with the published public key needs nothing else. The Open
// Badges 3.0 credential is a W3C verifiable credential secured with a
// Data Integrity proof, cryptosuite eddsa-jcs-2022, by the same key.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/certificates/model.h"
#include "domain/certificates/signer.h"

namespace cohort::certificates {

std::string Payload(const Statement& s);
// nullopt when the text is not a payload of this form.
std::optional<Statement> ParsePayload(const std::string& payload);

std::string Token(const std::string& payload, const std::string& signature);
// (payload, signature) of a token; nullopt when there is no dot or the
// payload is not base64url. A signature part that does not decode gives an
// empty signature, so a readable payload with a damaged signature is
// reported as tampered rather than unknown.
std::optional<std::pair<std::string, std::string>> SplitToken(const std::string& token);

// The Open Badges 3.0 credential of a certificate, signed. `base_url` is the
// portal's public address.
nlohmann::json OpenBadge(const Certificate& c, const Signer& signer, const std::string& base_url,
                         const std::string& issued_at);
// Checks an OpenBadge() credential's proof with the signer's public key.
bool VerifyOpenBadge(const nlohmann::json& credential, const Signer& signer);

}  // namespace cohort::certificates
