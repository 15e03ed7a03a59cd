// Certificate PDF rendering on one core (issue 6: at least 50 a second).
// Renders `count` certificates (default 500) with Azerbaijani, Russian and
// English texts and a signed-address QR code, one after another on this
// thread, and prints the rate; writes the last one to `out` when given.
//   build/bench/bench_certificates [count] [out.pdf]      (docs/PERFORMANCE.md)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "docs/certificate_pdf.h"

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 500;
  const char* holders[] = {"Ləman Əliyeva", "Гусейн Мамедов", "Jane Smith-Öztürk", "Şəhriyar Qəhrəmanlı"};
  std::string last;
  // The first one builds the font map: not counted.
  cohort::docs::RenderCertificatePdf({"Sertifikat", "Xarici İşlər Nazirliyi", "Bu sertifikat təsdiq edir ki,", "x", "", "", "", "", "x"});
  const auto start = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    cohort::docs::CertificateSheet sheet;
    sheet.organisation = "Azərbaycan Respublikası Xarici İşlər Nazirliyi";
    sheet.heading = "Tamamlama sertifikatı";
    sheet.awarded_to = "Bu sertifikat təsdiq edir ki,";
    sheet.holder = holders[i % 4];
    sheet.statement = "“Diplomatiya Könüllüləri” proqramını (2027-02-01 – 2027-07-31, 960 saat) uğurla başa vurmuşdur.";
    sheet.issued = "Verilmə tarixi: 2027-08-01";
    sheet.serial = "Seriya: MFA-DV-2027-" + std::to_string(1000 + i);
    sheet.verify_hint = "Yoxlamaq üçün QR kodu oxudun və ya https://apply.example.az/verify ünvanına daxil olun";
    sheet.qr_text = "https://apply.example.az/verify?c=eyJzIjoiTUZBLURWLTIwMjctMDAwMSJ9." + std::string(86, 'A' + i % 26);
    last = cohort::docs::RenderCertificatePdf(sheet);
    bytes += last.size();
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%d certificate PDFs in %.2f s on one thread: %.0f a second (target >= 50), %.1f KiB each\n", count,
              elapsed.count(), count / elapsed.count(), static_cast<double>(bytes) / count / 1024);
  if (argc > 2) std::ofstream(argv[2], std::ios::binary) << last;
  return 0;
}
