#pragma once
// Storage of panels, slots, bookings and availability, inside the caller's
// transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/interviews/model.h"

namespace cohort::interviews::store {

Result<std::vector<Panel>> Panels(db::Tx& tx, const std::string& stage_id);
Result<std::optional<Panel>> GetPanel(db::Tx& tx, const std::string& id);
Result<void> InsertPanel(db::Tx& tx, const Panel& p);
// Removes a panel and its slots; false when one of its slots has bookings.
Result<bool> DeletePanel(db::Tx& tx, const std::string& id);

Result<void> InsertSlot(db::Tx& tx, const Slot& s);
Result<std::optional<Slot>> GetSlot(db::Tx& tx, const std::string& id);
Result<std::vector<Slot>> Slots(db::Tx& tx, const std::string& stage_id);
// False when the slot has bookings.
Result<bool> DeleteSlot(db::Tx& tx, const std::string& id);
// Takes one place of a slot when one is left (atomic: two people cannot
// take the last place); false when full.
Result<bool> TakePlace(db::Tx& tx, const std::string& slot_id);
Result<void> ReleasePlace(db::Tx& tx, const std::string& slot_id);

Result<void> InsertBooking(db::Tx& tx, const Booking& b);
Result<std::optional<Booking>> GetBooking(db::Tx& tx, const std::string& id);
// The application's booking at the stage that is not cancelled.
Result<std::optional<Booking>> LiveBooking(db::Tx& tx, const std::string& stage_id, const std::string& application_id);
Result<std::vector<Booking>> Bookings(db::Tx& tx, const std::string& stage_id);
// The application's bookings still booked (no attendance recorded), at every stage.
Result<std::vector<Booking>> UpcomingOfApplication(db::Tx& tx, const std::string& application_id);
// Writes the state when the stored one is `expected`; false otherwise.
Result<bool> SaveBookingState(db::Tx& tx, const std::string& id, const std::string& state, const std::string& expected,
                              const std::string& now);

Result<std::vector<Window>> Availability(db::Tx& tx, const std::string& stage_id, const std::string& application_id);
Result<void> PutAvailability(db::Tx& tx, const std::string& stage_id, const std::string& application_id,
                             const std::string& organisation_id, const std::vector<Window>& windows, const std::string& now);

// The interview stages a person's applications have entered.
struct Entered {
  std::string stage_id, application_id, reference, time_zone, call_title_json, stage_settings_json, organisation_id;
};
Result<std::vector<Entered>> EnteredBy(db::Tx& tx, const std::string& applicant_id);

}  // namespace cohort::interviews::store
