#pragma once
// Networks of organisations (docs/api/networks.md).
#include <optional>
#include <string>
#include <vector>

namespace cohort::networks {

struct Member {
  std::string organisation_id, name, country, joined_at;
};

struct Admin {
  std::string account_id, name, email;
};

// The chair organisation of one year; handed_over_at is set when it passed
// the network on to the next year's chair.
struct Chair {
  int year = 0;
  std::string organisation_id, organisation_name, assigned_at;
  std::optional<std::string> handed_over_at;
  std::string note;
};

struct Network {
  std::string id, code, name, description, created_at;
  std::vector<Member> members;  // by name
  std::vector<Admin> admins;    // by name
  std::vector<Chair> chairs;    // by year
};

// A joint event of a network, hosted by a member organisation.
struct Session {
  std::string id, event_id, title, place, starts_at, ends_at;
  std::string check_in_secret;  // keys the session's rotating check-in code; never shown
};

struct Delegate {
  std::string id, role, name, email, arrival, departure, accommodation;  // role: head, member
  // The secret a delegate's badge QR code carries (public_url/pass?key=…): a
  // phone that opened it checks its holder in at sessions. Never in JSON.
  std::string pass_key;
};

struct Delegation {
  std::string id, event_id, organisation_id, organisation_name, registered_at, updated_at;
  std::vector<Delegate> delegates;  // head first
};

struct Partner {
  std::string organisation_id, name;
};

struct Event {
  std::string id, network_id, host_organisation_id, host_name, kind, title, description, place;
  std::vector<Partner> partners;  // member organisations beside the host, by name
  std::string starts_on, ends_on, time_zone, registration_closes_at;
  int delegation_limit = 1;
  std::string created_at;
  std::vector<Session> sessions;  // by start
};

// A delegate's pass as the phone that carries it sees it.
struct Pass {
  std::string delegate_id, name, role, organisation_name;
  Event event;                             // with its sessions
  std::vector<std::string> checked_in_to;  // session ids
};

// One delegate at one session: checked_in_at empty when not (yet) there.
struct SessionCheckIn {
  std::string delegate_id, name, role, organisation_id, organisation_name, checked_in_at;
};

}  // namespace cohort::networks
