// Certificate signing: the token of a QR code round-trips and any change to
// it is caught; Open Badges 3.0 credentials carry a proof that holds until
// the credential is changed; encodings match known vectors.
#include <gtest/gtest.h>

#include "domain/certificates/credential.h"
#include "domain/certificates/signer.h"

namespace cohort::certificates {
namespace {

const Signer& TestSigner() {
  static const Signer signer(std::string(32, 'k'));
  return signer;
}

Statement Sample() {
  return {"MFA-DV-2027-0001", "Şəhriyar Qəhrəmanlı", "Diplomatiya Könüllüləri", "Xarici İşlər Nazirliyi",
          "2027", "2027-02-01", "2027-07-31", 960, "2027-08-01"};
}

TEST(CertificateCredentialTest, EncodingsMatchKnownVectors) {
  EXPECT_EQ(Base58Btc("hello world"), "StV1DL6CwTryKyV");
  EXPECT_EQ(Base58Btc(std::string("\0\0\x01", 3)), "112");
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  std::string bytes;
  ASSERT_TRUE(FromBase64Url("-_8", bytes));
  EXPECT_EQ(bytes, "\xfb\xff");
  EXPECT_FALSE(FromBase64Url("not base64!", bytes));
  // Every Ed25519 did:key starts so (multicodec 0xed01, base58btc).
  EXPECT_TRUE(TestSigner().Did().starts_with("did:key:z6Mk")) << TestSigner().Did();
}

TEST(CertificateCredentialTest, TheSameSecretGivesTheSameKeyAndAnotherSecretAnother) {
  EXPECT_EQ(Signer(std::string(32, 'k')).PublicKey(), TestSigner().PublicKey());
  EXPECT_NE(Signer(std::string(32, 'j')).PublicKey(), TestSigner().PublicKey());
}

TEST(CertificateCredentialTest, ATokenRoundTripsAndAnyChangeBreaksItsSignature) {
  const std::string payload = Payload(Sample());
  EXPECT_EQ(ParsePayload(payload)->holder, "Şəhriyar Qəhrəmanlı");
  const std::string token = Token(payload, TestSigner().Sign(payload));
  const auto parts = SplitToken(token);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->first, payload);
  EXPECT_TRUE(TestSigner().Verify(parts->first, parts->second));

  Statement changed = Sample();
  changed.hours = 1960;
  EXPECT_FALSE(TestSigner().Verify(Payload(changed), parts->second));
  EXPECT_FALSE(Signer(std::string(32, 'j')).Verify(payload, parts->second));
  EXPECT_FALSE(SplitToken("no-dot-here").has_value());
  EXPECT_FALSE(ParsePayload("{\"v\":2}").has_value());
}

TEST(CertificateCredentialTest, AnOpenBadgeProofHoldsUntilTheCredentialChanges) {
  Certificate c;
  c.serial = "MFA-DV-2027-0001";
  c.statement = Sample();
  nlohmann::json badge = OpenBadge(c, TestSigner(), "https://apply.example.az", "2027-08-01T10:00:00.000Z");
  EXPECT_EQ(badge["type"][1], "OpenBadgeCredential");
  EXPECT_EQ(badge["proof"]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(badge["issuer"]["id"], TestSigner().Did());
  EXPECT_TRUE(VerifyOpenBadge(badge, TestSigner()));
  badge["credentialSubject"]["name"] = "Someone Else";
  EXPECT_FALSE(VerifyOpenBadge(badge, TestSigner()));
}

}  // namespace
}  // namespace cohort::certificates
