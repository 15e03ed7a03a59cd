#include "domain/certificates/signer.h"

#include <sodium.h>

#include <vector>

namespace cohort::certificates {

Signer::Signer(std::string_view secret) {
  static constexpr std::string_view kPurpose = "cohort certificates ed25519 v1";
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_generichash(seed, sizeof seed, reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size() > 64 ? 64 : secret.size());
  crypto_sign_seed_keypair(public_key_.data(), secret_key_.data(), seed);
  sodium_memzero(seed, sizeof seed);
}

std::string Signer::Sign(std::string_view message) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key_.data());
  return std::string(reinterpret_cast<const char*>(signature), sizeof signature);
}

bool Signer::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     public_key_.data()) == 0;
}

std::string Signer::PublicKey() const { return std::string(reinterpret_cast<const char*>(public_key_.data()), 32); }

std::string Signer::Did() const {
  std::string multicodec("\xed\x01", 2);
  return "did:key:z" + Base58Btc(multicodec + PublicKey());
}

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

bool FromBase64Url(std::string_view text, std::string& bytes) {
  bytes.assign(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return false;
  }
  bytes.resize(length);
  return true;
}

std::string Base58Btc(std::string_view bytes) {
  static constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::vector<unsigned char> digits;  // base 58, least significant first
  for (unsigned char byte : bytes) {
    int carry = byte;
    for (auto& d : digits) {
      carry += d * 256;
      d = static_cast<unsigned char>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<unsigned char>(carry % 58));
      carry /= 58;
    }
  }
  std::string out;
  for (unsigned char byte : bytes) {
    if (byte != 0) break;
    out += '1';
  }
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

std::string Sha256(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

}  // namespace cohort::certificates
