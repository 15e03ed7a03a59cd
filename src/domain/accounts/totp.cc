#include "domain/accounts/totp.h"

#include <sodium.h>

#include <cstring>

namespace cohort::accounts::totp {
namespace {

std::uint32_t Rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string UriEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::array<std::uint8_t, 20> Sha1(std::string_view data) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string msg(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 7; i >= 0; --i) msg += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (std::size_t chunk = 0; chunk < msg.size(); chunk += 64) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i) {
      const auto* p = reinterpret_cast<const unsigned char*>(msg.data() + chunk + 4 * static_cast<std::size_t>(i));
      w[i] = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
    }
    for (int i = 16; i < 80; ++i) w[i] = Rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f, k;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
      else { f = b ^ c ^ d; k = 0xCA62C1D6; }
      const std::uint32_t t = Rotl(a, 5) + f + e + k + w[i];
      e = d; d = c; c = Rotl(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
  }
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j) out[static_cast<std::size_t>(4 * i + j)] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
  }
  return out;
}

std::array<std::uint8_t, 20> HmacSha1(std::string_view key_in, std::string_view message) {
  std::string key(key_in);
  if (key.size() > 64) {
    const auto d = Sha1(key);
    key.assign(reinterpret_cast<const char*>(d.data()), d.size());
  }
  key.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (int i = 0; i < 64; ++i) {
    inner[static_cast<std::size_t>(i)] = static_cast<char>(key[static_cast<std::size_t>(i)] ^ 0x36);
    outer[static_cast<std::size_t>(i)] = static_cast<char>(key[static_cast<std::size_t>(i)] ^ 0x5c);
  }
  const auto inner_hash = Sha1(inner + std::string(message));
  return Sha1(outer + std::string(reinterpret_cast<const char*>(inner_hash.data()), inner_hash.size()));
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const auto v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string NewSecret() {
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  return Base32Encode(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
}

std::string Hotp(std::string_view key, std::uint64_t counter) {
  char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  const auto mac = HmacSha1(key, std::string_view(msg, 8));
  const int offset = mac[19] & 0x0f;
  const std::uint32_t binary = (std::uint32_t{mac[static_cast<std::size_t>(offset)]} & 0x7f) << 24 |
                               std::uint32_t{mac[static_cast<std::size_t>(offset + 1)]} << 16 |
                               std::uint32_t{mac[static_cast<std::size_t>(offset + 2)]} << 8 |
                               std::uint32_t{mac[static_cast<std::size_t>(offset + 3)]};
  char out[8];
  std::snprintf(out, sizeof out, "%06u", binary % 1000000U);
  return out;
}

std::int64_t Step(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() / 30;
}

std::optional<std::int64_t> Match(std::string_view secret_base32, std::string_view code, TimePoint now) {
  const auto key = Base32Decode(secret_base32);
  if (!key || code.size() != 6) return std::nullopt;
  const std::int64_t step = Step(now);
  for (std::int64_t s = step - 1; s <= step + 1; ++s) {
    const std::string expected = Hotp(*key, static_cast<std::uint64_t>(s));
    if (sodium_memcmp(expected.data(), code.data(), 6) == 0) return s;
  }
  return std::nullopt;
}

std::string Uri(std::string_view secret_base32, std::string_view account_email) {
  return "otpauth://totp/Cohort:" + UriEscape(account_email) + "?secret=" + std::string(secret_base32) +
         "&issuer=Cohort&algorithm=SHA1&digits=6&period=30";
}

}  // namespace cohort::accounts::totp
