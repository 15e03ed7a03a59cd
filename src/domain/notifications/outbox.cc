#include "domain/notifications/outbox.h"

#include "core/id.h"
#include "core/time_format.h"
#include "i18n/catalog.h"

namespace cohort::notifications {

Result<void> Enqueue(db::Tx& tx, const Clock& clock, const Message& m, const std::optional<Attachment>& attachment) {
  const auto locale = i18n::ParseLocale(m.locale).value_or(i18n::kDefaultLocale);
  const auto& catalog = i18n::Catalog::Embedded();
  const std::string key = "emails." + m.template_name;
  if (!catalog.Has(locale, key + ".subject")) return Error::Internal("no e-mail template " + key);
  const std::string subject = catalog.Text(locale, key + ".subject", m.params);
  const std::string body = catalog.Text(locale, key + ".body", m.params);
  const auto now = clock.Now();
  const std::string at = FormatUtc(now);
  auto r = tx.Exec(
      "INSERT INTO outbox (id, created_at, account_id, to_address, locale, template, subject, body, status, "
      "next_attempt_at, attachment_name, attachment_type, attachment) VALUES (:id, :at, :account, :to, :locale, "
      ":template, :subject, :body, 'pending', :at, :attachment_name, :attachment_type, :attachment)",
      {db::P("id", NewId(now)), db::P("at", at),
       db::P("account", m.account_id.empty() ? std::optional<std::string>{} : std::optional<std::string>{m.account_id}),
       db::P("to", m.to_address), db::P("locale", std::string(i18n::Code(locale))), db::P("template", m.template_name),
       db::P("subject", subject), db::P("body", body),
       db::P("attachment_name", attachment ? std::optional<std::string>(attachment->name) : std::nullopt),
       db::P("attachment_type", attachment ? std::optional<std::string>(attachment->content_type) : std::nullopt),
       db::P("attachment", attachment ? std::optional<std::string>(attachment->content) : std::nullopt)});
  if (!r) return r.error();
  if (m.in_app && !m.account_id.empty()) {
    auto n = tx.Exec(
        "INSERT INTO notifications (id, account_id, created_at, template, title, body) "
        "VALUES (:id, :account, :at, :template, :title, :body)",
        {db::P("id", NewId(now)), db::P("account", m.account_id), db::P("at", at), db::P("template", m.template_name),
         db::P("title", subject), db::P("body", body)});
    if (!n) return n.error();
  }
  return Ok();
}

}  // namespace cohort::notifications
