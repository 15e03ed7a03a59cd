#pragma once
// A certificate as a one-page A4 landscape PDF (cairo + pango, Noto fonts,
// so Azerbaijani and Cyrillic letters render and copy out correctly), with
// a QR code that carries the signed verification address.
#include <string>

namespace cohort::docs {

// Every text already in the certificate's language.
struct CertificateSheet {
  std::string heading;       // "Certificate of completion"
  std::string organisation;  // issuer
  std::string awarded_to;    // "This certifies that"
  std::string holder;        // the participant's name
  std::string statement;     // "completed the programme … from … to …, 960 hours"
  std::string issued;        // "Issued on 2027-08-01"
  std::string serial;        // "Serial MFA-DV-2027-0001"
  std::string verify_hint;   // "Scan to verify, or visit …"
  std::string qr_text;       // what the QR code carries
};

// The PDF bytes. Safe to call from several threads (each keeps its own
// font map).
std::string RenderCertificatePdf(const CertificateSheet& sheet);

}  // namespace cohort::docs
