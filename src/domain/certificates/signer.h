#pragma once
// The platform's Ed25519 key for certificates (libsodium). It is derived
// from the portal's secret key, so every server of one installation signs
// with the same key and nothing new must be kept; its public half is
// published so that anyone can check a certificate offline.
#include <array>
#include <string>
#include <string_view>

namespace cohort::certificates {

class Signer {
 public:
  // `secret`: the portal's secret key (at least 32 bytes).
  explicit Signer(std::string_view secret);

  std::string Sign(std::string_view message) const;  // 64 bytes
  bool Verify(std::string_view message, std::string_view signature) const;
  std::string PublicKey() const;  // 32 bytes
  // did:key of the public key (multicodec ed25519-pub, base58btc).
  std::string Did() const;

 private:
  std::array<unsigned char, 32> public_key_{};
  std::array<unsigned char, 64> secret_key_{};
};

std::string Base64Url(std::string_view bytes);
// false for text that is not base64url.
bool FromBase64Url(std::string_view text, std::string& bytes);
std::string Base58Btc(std::string_view bytes);
std::string Sha256(std::string_view bytes);

}  // namespace cohort::certificates
