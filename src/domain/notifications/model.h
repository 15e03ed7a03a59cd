#pragma once
// Messages to people: e-mails through the outbox, and in-app notices.
#include <map>
#include <optional>
#include <string>

namespace cohort::notifications {

// A file sent with an e-mail, e.g. a calendar invitation (text/calendar).
struct Attachment {
  std::string name;
  std::string content_type;
  std::string content;  // text
};

struct Message {
  std::string account_id;   // the recipient's account, if any
  std::string to_address;   // e-mail address
  std::string locale;       // az, en, ru: the recipient's language
  std::string template_name;  // catalogue key under "emails."
  std::map<std::string, std::string> params;  // {{placeholders}}
  bool in_app = false;      // also show it as an in-app notification
};

}  // namespace cohort::notifications
