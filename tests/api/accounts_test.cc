// Accounts through the real HTTP API, with a real SMTP sink.
#include <gtest/gtest.h>

#include <thread>

#include "api/api_fixture.h"
#include "support/smtp_sink.h"

namespace cohort::testing {
namespace {


class AccountsApi : public MailApiTest {
 protected:

  HttpResponse Register(const std::string& email, const std::string& password = "a long passphrase",
                        const std::string& locale = "az") {
    return client().PostJson("/api/v1/accounts", R"({"name": "Aysel Məmmədova", "email": ")" + email +
                                                     R"(", "password": ")" + password + R"(", "locale": ")" + locale +
                                                     R"(", "consent": true})");
  }
  ReceivedMail Mail(const std::string& to) {
    auto m = sink_->WaitFor(to, std::chrono::seconds(20));
    EXPECT_TRUE(m.has_value()) << "no mail to " << to;
    return m.value_or(ReceivedMail{});
  }
  struct Session {
    std::string cookie;  // "cohort_session=..."
    std::string csrf;
  };
  Session Login(const std::string& email, const std::string& password = "a long passphrase") {
    auto r = client().PostJson("/api/v1/session", R"({"email": ")" + email + R"(", "password": ")" + password + "\"}");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto set = r.Header("set-cookie");
    return {set.substr(0, set.find(';')), r.Json()["csrf_token"].get<std::string>()};
  }
  Headers With(const Session& s, bool csrf = true) {
    Headers h{{"Cookie", s.cookie}};
    if (csrf) h.emplace_back("X-CSRF-Token", s.csrf);
    return h;
  }
};

TEST_P(AccountsApi, RegisterVerifySignInAndOut) {
  ASSERT_EQ(Register("aysel@example.az").status, 202);
  auto mail = Mail("aysel@example.az");
  EXPECT_EQ(mail.subject, "Cohort üçün e-poçt ünvanınızı təsdiqləyin");
  EXPECT_NE(mail.body.find("https://apply.example.az/verify-email?token="), std::string::npos) << mail.body;
  const auto token = TokenIn(mail.body);
  auto verified = client().PostJson("/api/v1/accounts/verify", R"({"token": ")" + token + "\"}");
  EXPECT_EQ(verified.status, 200);
  auto again = client().PostJson("/api/v1/accounts/verify", R"({"token": ")" + token + "\"}", {{"Accept-Language", "en"}});
  ASSERT_EQ(again.status, 422);
  EXPECT_EQ(again.Json()["errors"][0]["code"], "used_token");
  EXPECT_EQ(again.Json()["errors"][0]["message"], "This link has already been used");

  auto session = Login("AYSEL@example.az");
  auto login_cookie = session.cookie;
  EXPECT_TRUE(login_cookie.starts_with("cohort_session="));
  auto me = client().Get("/api/v1/me", With(session, false));
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["account"]["email"], "aysel@example.az");
  EXPECT_EQ(me.Json()["account"]["email_verified"], true);
  EXPECT_EQ(me.Json()["csrf_token"], session.csrf);

  auto state = client().Get("/api/v1/session", With(session, false));
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(state.Json()["account"]["email"], "aysel@example.az");
  auto out = client().Request("DELETE", "/api/v1/session", "", With(session));
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(out.Header("set-cookie"), "cohort_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
  EXPECT_EQ(client().Get("/api/v1/me", With(session, false)).status, 401);
  auto nobody = client().Get("/api/v1/session", With(session, false));
  ASSERT_EQ(nobody.status, 200);
  EXPECT_TRUE(nobody.Json()["account"].is_null());
}

TEST_P(AccountsApi, TheSessionCookieIsHttpOnlyLaxAndSecureBehindHttps) {
  ASSERT_EQ(Register("cookie@example.az").status, 202);
  auto r = client().PostJson("/api/v1/session", R"({"email": "cookie@example.az", "password": "a long passphrase"})");
  ASSERT_EQ(r.status, 200);
  const auto set = r.Header("set-cookie");
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(set.find("; Secure"), std::string::npos);
  EXPECT_NE(set.find("; Path=/"), std::string::npos);
}

TEST_P(AccountsApi, ATakenEmailGetsTheSameAnswerAndItsOwnerIsTold) {
  ASSERT_EQ(Register("taken@example.az").status, 202);
  (void)Mail("taken@example.az");
  auto second = Register("taken@example.az", "another long passphrase", "en");
  EXPECT_EQ(second.status, 202);
  EXPECT_EQ(second.body, R"({"status":"verification_sent"})");
  auto told = Mail("taken@example.az");
  EXPECT_EQ(told.subject, "E-poçt ünvanınızla qeydiyyat cəhdi edilib");  // in the owner's language
  EXPECT_NE(told.body.find("/reset-password?token="), std::string::npos);
}

TEST_P(AccountsApi, BadRegistrationListsEveryFieldInTheUsersLanguage) {
  auto r = client().PostJson("/api/v1/accounts", R"({"name": "", "email": "not-an-email", "password": "short",
                                                     "locale": "de", "consent": false})",
                             {{"Accept-Language", "ru"}});
  ASSERT_EQ(r.status, 422);
  auto errors = r.Json()["errors"];
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0]["field"], "name");
  EXPECT_EQ(errors[0]["message"], "Обязательное поле");
  EXPECT_EQ(errors[1]["field"], "email");
  EXPECT_EQ(errors[1]["code"], "invalid_email");
  EXPECT_EQ(errors[2]["field"], "password");
  EXPECT_EQ(errors[2]["code"], "too_short");
  EXPECT_EQ(errors[3]["field"], "locale");
  EXPECT_EQ(errors[4]["field"], "consent");
  EXPECT_FALSE(r.Json().contains("detail"));
  auto typed = client().PostJson("/api/v1/accounts", R"({"name": 1, "consent": "yes"})");
  ASSERT_EQ(typed.status, 422);
  EXPECT_EQ(typed.Json()["errors"][0]["code"], "not_a_string");
  EXPECT_EQ(typed.Json()["errors"][1]["code"], "not_a_boolean");
}

TEST_P(AccountsApi, StateChangesWithASessionNeedTheCsrfToken) {
  ASSERT_EQ(Register("csrf@example.az").status, 202);
  auto s = Login("csrf@example.az");
  auto missing = client().Request("PATCH", "/api/v1/me", R"({"locale": "en"})",
                                  {{"Cookie", s.cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.Json()["detail"], "Sorğunun təhlükəsizlik açarı (CSRF) yoxdur və ya yanlışdır; səhifəni yeniləyin.");
  auto wrong = client().Request("PATCH", "/api/v1/me", R"({"locale": "en"})",
                                {{"Cookie", s.cookie}, {"X-CSRF-Token", "x" + s.csrf.substr(1)},
                                 {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 403);
  auto headers = With(s);
  headers.emplace_back("Content-Type", "application/json");
  auto ok = client().Request("PATCH", "/api/v1/me", R"({"locale": "en"})", headers);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["account"]["locale"], "en");
}

TEST_P(AccountsApi, TooManyFailuresAre429WithRetryAfterEvenWithTheRightPassword) {
  ASSERT_EQ(Register("throttle@example.az").status, 202);
  for (int i = 0; i < 5; ++i) {
    auto r = client().PostJson("/api/v1/session", R"({"email": "throttle@example.az", "password": "wrong one!!"})");
    EXPECT_EQ(r.status, 401);
  }
  auto blocked = client().PostJson("/api/v1/session", R"({"email": "throttle@example.az", "password": "a long passphrase"})");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.Header("retry-after"), "901");
  clock_.Advance(std::chrono::minutes(16));
  auto later = client().PostJson("/api/v1/session", R"({"email": "throttle@example.az", "password": "a long passphrase"})");
  EXPECT_EQ(later.status, 200);
}

TEST_P(AccountsApi, BehindATrustedProxyTheForwardedClientIsThrottledNotTheProxy) {
  // The fixture's portal does not trust 127.0.0.1, so X-Forwarded-For is
  // ignored and the peer counts; see ProxiedAccounts for the trusting case.
  for (int i = 0; i < 30; ++i) {
    (void)client().PostJson("/api/v1/session",
                            R"({"email": "nobody)" + std::to_string(i) + R"(@example.az", "password": "wrong one!!"})",
                            {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}});
  }
  auto r = client().PostJson("/api/v1/session", R"({"email": "other@example.az", "password": "wrong one!!"})",
                             {{"X-Forwarded-For", "198.51.100.7"}});
  EXPECT_EQ(r.status, 429);  // a spoofed header does not escape the per-address limit
}

TEST_P(AccountsApi, WrongEmailAndWrongPasswordLookAlike) {
  ASSERT_EQ(Register("alike@example.az").status, 202);
  auto wrong_password = client().PostJson("/api/v1/session", R"({"email": "alike@example.az", "password": "nope nope nope"})");
  auto unknown = client().PostJson("/api/v1/session", R"({"email": "nobody@example.az", "password": "nope nope nope"})");
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong_password.Json()["detail"], unknown.Json()["detail"]);
}

TEST_P(AccountsApi, PasswordResetByEmailLinkEndsOldSessions) {
  ASSERT_EQ(Register("reset@example.az").status, 202);
  (void)Mail("reset@example.az");
  auto old_session = Login("reset@example.az");
  auto asked = client().PostJson("/api/v1/password-reset", R"({"email": "reset@example.az"})");
  EXPECT_EQ(asked.status, 202);
  auto unknown = client().PostJson("/api/v1/password-reset", R"({"email": "nobody@example.az"})");
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(unknown.body, asked.body);
  auto mail = Mail("reset@example.az");
  EXPECT_NE(mail.body.find("https://apply.example.az/reset-password?token="), std::string::npos);
  const auto token = TokenIn(mail.body);
  auto weak = client().PostJson("/api/v1/password-reset/confirm", R"({"token": ")" + token + R"(", "new_password": "short"})");
  ASSERT_EQ(weak.status, 422);
  EXPECT_EQ(weak.Json()["errors"][0]["field"], "new_password");
  auto done = client().PostJson("/api/v1/password-reset/confirm",
                                R"({"token": ")" + token + R"(", "new_password": "a brand new passphrase"})");
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(client().Get("/api/v1/me", With(old_session, false)).status, 401);
  auto reused = client().PostJson("/api/v1/password-reset/confirm",
                                  R"({"token": ")" + token + R"(", "new_password": "yet another passphrase"})");
  ASSERT_EQ(reused.status, 422);
  EXPECT_EQ(reused.Json()["errors"][0]["code"], "used_token");
  (void)Login("reset@example.az", "a brand new passphrase");
}

TEST_P(AccountsApi, LinksExpire) {
  ASSERT_EQ(Register("late@example.az").status, 202);
  const auto token = TokenIn(Mail("late@example.az").body);
  clock_.Advance(std::chrono::hours(49));
  auto r = client().PostJson("/api/v1/accounts/verify", R"({"token": ")" + token + "\"}");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.Json()["errors"][0]["code"], "expired_token");
}

TEST_P(AccountsApi, IdleSessionsExpire) {
  ASSERT_EQ(Register("idle@example.az").status, 202);
  auto s = Login("idle@example.az");
  clock_.Advance(std::chrono::minutes(119));
  EXPECT_EQ(client().Get("/api/v1/me", With(s, false)).status, 200);  // activity renews the idle limit
  clock_.Advance(std::chrono::minutes(119));
  EXPECT_EQ(client().Get("/api/v1/me", With(s, false)).status, 200);
  clock_.Advance(std::chrono::minutes(121));
  EXPECT_EQ(client().Get("/api/v1/me", With(s, false)).status, 401);
}

TEST_P(AccountsApi, ChangingThePasswordEndsOtherSessionsAndTellsTheOwner) {
  ASSERT_EQ(Register("change@example.az").status, 202);
  (void)Mail("change@example.az");
  auto here = Login("change@example.az");
  auto elsewhere = Login("change@example.az");
  auto headers = With(here);
  headers.emplace_back("Content-Type", "application/json");
  auto wrong = client().Request("POST", "/api/v1/me/password",
                                R"({"current_password": "not it at all", "new_password": "a brand new passphrase"})", headers);
  ASSERT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Json()["errors"][0]["code"], "wrong_password");
  auto ok = client().Request("POST", "/api/v1/me/password",
                             R"({"current_password": "a long passphrase", "new_password": "a brand new passphrase"})",
                             headers);
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(client().Get("/api/v1/me", With(here, false)).status, 200);
  EXPECT_EQ(client().Get("/api/v1/me", With(elsewhere, false)).status, 401);
  EXPECT_EQ(Mail("change@example.az").subject, "Cohort parolunuz dəyişdirildi");
  // The same event shows in the portal as a notification until read.
  auto notices = client().Get("/api/v1/me/notifications", With(here, false));
  ASSERT_EQ(notices.status, 200);
  EXPECT_EQ(notices.Json()["unread"], 1);
  ASSERT_EQ(notices.Json()["items"].size(), 1u);
  EXPECT_EQ(notices.Json()["items"][0]["title"], "Cohort parolunuz dəyişdirildi");
  const auto id = notices.Json()["items"][0]["id"].get<std::string>();
  EXPECT_EQ(client().Request("POST", "/api/v1/me/notifications/" + id + "/read", "", With(here)).status, 204);
  EXPECT_EQ(client().Get("/api/v1/me/notifications", With(here, false)).Json()["unread"], 0);
}

TEST_P(AccountsApi, ChangingTheEmailNeedsTheNewAddressConfirmedAndTellsTheOldOne) {
  ASSERT_EQ(Register("old@example.az").status, 202);
  (void)Mail("old@example.az");
  auto s = Login("old@example.az");
  auto headers = With(s);
  headers.emplace_back("Content-Type", "application/json");
  auto wrong = client().Request("POST", "/api/v1/me/email", R"({"new_email":"new@example.az","password":"nope nope"})", headers);
  ASSERT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Json()["errors"][0]["field"], "password");
  auto asked = client().Request("POST", "/api/v1/me/email",
                                R"({"new_email":"New@Example.az","password":"a long passphrase"})", headers);
  ASSERT_EQ(asked.status, 202) << asked.body;
  auto told = Mail("old@example.az");
  EXPECT_EQ(told.subject, "Cohort e-poçt ünvanınız dəyişdirilir");
  EXPECT_NE(told.body.find("new@example.az"), std::string::npos);
  // Nothing changes until the new address is confirmed.
  EXPECT_EQ(client().Get("/api/v1/me", With(s, false)).Json()["account"]["email"], "old@example.az");
  const auto token = TokenIn(Mail("new@example.az").body);
  ASSERT_EQ(client().PostJson("/api/v1/accounts/verify", R"({"token":")" + token + "\"}").status, 200);
  EXPECT_EQ(client().Get("/api/v1/me", With(s, false)).Json()["account"]["email"], "new@example.az");
  (void)Login("new@example.az");
  auto taken = client().Request("POST", "/api/v1/me/email", R"({"new_email":"new@example.az","password":"a long passphrase"})",
                                headers);
  ASSERT_EQ(taken.status, 422);
  EXPECT_EQ(taken.Json()["errors"][0]["code"], "email_taken");
}

TEST_P(AccountsApi, PersonalTokensWorkUntilRevoked) {
  ASSERT_EQ(Register("tokens@example.az").status, 202);
  auto s = Login("tokens@example.az");
  auto headers = With(s);
  headers.emplace_back("Content-Type", "application/json");
  // A token outlives sessions: only a confirmed address gets one.
  auto unconfirmed = client().Request("POST", "/api/v1/me/tokens", R"({"name": "early"})", headers);
  EXPECT_EQ(unconfirmed.status, 409);
  ASSERT_EQ(client().PostJson("/api/v1/accounts/verify",
                              R"({"token": ")" + TokenIn(Mail("tokens@example.az").body) + "\"}").status,
            200);
  auto created = client().Request("POST", "/api/v1/me/tokens", R"({"name": "reports"})", headers);
  ASSERT_EQ(created.status, 201);
  const auto token = created.Json()["token"].get<std::string>();
  const auto id = created.Json()["id"].get<std::string>();
  auto as_token = client().Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(as_token.status, 200);
  EXPECT_EQ(as_token.Json()["account"]["email"], "tokens@example.az");
  EXPECT_EQ(as_token.Json()["csrf_token"], "");
  auto list = client().Get("/api/v1/me/tokens", With(s, false));
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.Json()["items"][0]["last_used_at"], "2026-11-22T09:01:08.123Z");
  EXPECT_FALSE(list.Json()["items"][0].contains("token"));  // shown once only
  EXPECT_EQ(client().Request("DELETE", "/api/v1/me/tokens/" + id, "", With(s)).status, 204);
  EXPECT_EQ(client().Get("/api/v1/me", {{"Authorization", "Bearer " + token}}).status, 401);
  EXPECT_EQ(client().Request("DELETE", "/api/v1/me/tokens/" + id, "", With(s)).status, 404);

  // Changing the password revokes every token (a leaked one must not outlive it).
  auto second = client().Request("POST", "/api/v1/me/tokens", R"({"name": "second"})", headers);
  ASSERT_EQ(second.status, 201);
  const auto token2 = second.Json()["token"].get<std::string>();
  ASSERT_EQ(client().Get("/api/v1/me", {{"Authorization", "Bearer " + token2}}).status, 200);
  ASSERT_EQ(client().Request("POST", "/api/v1/me/password",
                             R"({"current_password": "a long passphrase", "new_password": "a brand new passphrase"})",
                             headers).status,
            204);
  EXPECT_EQ(client().Get("/api/v1/me", {{"Authorization", "Bearer " + token2}}).status, 401);
}

TEST_P(AccountsApi, AStaleSessionCookieDoesNotBlockSigningIn) {
  ASSERT_EQ(Register("stale@example.az").status, 202);
  auto r = client().PostJson("/api/v1/session", R"({"email": "stale@example.az", "password": "a long passphrase"})",
                             {{"Cookie", "cohort_session=expired-or-made-up"}});
  EXPECT_EQ(r.status, 200);
}

COHORT_API_ON_BOTH_ENGINES(AccountsApi);

class ProxiedAccounts : public ApiTest {
 protected:
  void Configure(Config& c) override { c.trusted_proxies = "10.0.0.1, 127.0.0.1"; }
};

TEST_P(ProxiedAccounts, EachForwardedClientHasItsOwnLimit) {
  for (int i = 0; i < 30; ++i) {
    (void)client().PostJson("/api/v1/session",
                            R"({"email": "nobody)" + std::to_string(i) + R"(@example.az", "password": "wrong one!!"})",
                            {{"X-Forwarded-For", "198.51.100.1, 203.0.113.9"}});
  }
  auto same = client().PostJson("/api/v1/session", R"({"email": "x@example.az", "password": "wrong one!!"})",
                                {{"X-Forwarded-For", "203.0.113.9"}});
  EXPECT_EQ(same.status, 429);
  auto other = client().PostJson("/api/v1/session", R"({"email": "y@example.az", "password": "wrong one!!"})",
                                 {{"X-Forwarded-For", "203.0.113.10"}});
  EXPECT_EQ(other.status, 401);  // another client behind the same proxy is not locked out
}

COHORT_API_ON_BOTH_ENGINES(ProxiedAccounts);

// Mail to an SMTP server that is down waits in the outbox and goes out,
// once, when the server is back.
class MailOutage : public ApiTest {
 protected:
  void Configure(Config& c) override {
    port_ = FreePort();
    c.smtp_url = "smtp://127.0.0.1:" + std::to_string(port_);
    c.outbox_poll_ms = 20;
  }
  int port_ = 0;
};

TEST_P(MailOutage, MessagesWaitWhileTheServerIsDownAndGoOutWhenItReturns) {
  auto r = client().PostJson("/api/v1/accounts", R"({"name": "A", "email": "wait@example.az",
                                                     "password": "a long passphrase", "consent": true})");
  ASSERT_EQ(r.status, 202);
  // Wait for the first failed attempt.
  for (int i = 0; i < 1000; ++i) {
    auto row = portal_->database().Read([](db::Tx& tx) { return tx.QueryOne("SELECT attempts, status FROM outbox"); });
    if (row.ok() && *row && (**row).Int(0) >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto row = portal_->database().Read([](db::Tx& tx) { return tx.QueryOne("SELECT attempts, status, last_error FROM outbox"); });
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((**row).Text(1), "pending");
  EXPECT_NE((**row).Text(2).find("SMTP delivery failed"), std::string::npos);
  SmtpSink sink(port_);
  clock_.Advance(std::chrono::seconds(16));  // past the first back-off
  auto mail = sink.WaitFor("wait@example.az", std::chrono::seconds(20));
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(sink.Count("wait@example.az"), 1);
  // The worker records the delivery just after the server accepted it.
  Result<std::optional<db::Row>> sent = std::optional<db::Row>{};
  for (int i = 0; i < 1000; ++i) {
    sent = portal_->database().Read([](db::Tx& tx) { return tx.QueryOne("SELECT status, attempts FROM outbox"); });
    if (sent.ok() && *sent && (**sent).Text(0) == "sent") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(sent.ok() && *sent);
  EXPECT_EQ((**sent).Text(0), "sent");
  EXPECT_EQ((**sent).Int(1), 2);
}

COHORT_API_ON_BOTH_ENGINES(MailOutage);

}  // namespace
}  // namespace cohort::testing
