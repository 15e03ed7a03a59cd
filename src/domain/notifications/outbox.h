#pragma once
// Writing messages to the outbox, inside the caller's transaction, so a
// message exists exactly when the change that caused it was committed.
#include "core/clock.h"
#include "db/database.h"
#include "domain/notifications/model.h"

namespace cohort::notifications {

// Renders the template in the recipient's language (emails.<name>.subject
// and .body of the catalogues) and queues it for delivery now, with the
// attachment when one is given.
Result<void> Enqueue(db::Tx& tx, const Clock& clock, const Message& message,
                     const std::optional<Attachment>& attachment = std::nullopt);

}  // namespace cohort::notifications
