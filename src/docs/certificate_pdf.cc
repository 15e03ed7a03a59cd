#include "docs/certificate_pdf.h"

#include <cairo.h>

#include "docs/pdf_canvas.h"

namespace cohort::docs {
namespace {

constexpr double kWidth = 841.89;  // A4 landscape, points
constexpr double kHeight = 595.28;
constexpr double kMargin = 56;

}  // namespace

std::string RenderCertificatePdf(const CertificateSheet& sheet) {
  PdfCanvas page(kWidth, kHeight, sheet.heading + " — " + sheet.holder, sheet.organisation);
  cairo_t* cr = page.cr();
  // A quiet double frame.
  cairo_set_source_rgb(cr, 0.16, 0.29, 0.48);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, 32, 32, kWidth - 64, kHeight - 64);
  cairo_stroke(cr);

  // Centred lines between the margins.
  const double x = kMargin + 20, width = kWidth - 2 * kMargin - 40;
  auto centred = [&](const std::string& text, const char* font, double y, double grey) {
    return page.Text(text, font, x, y, width, PANGO_ALIGN_CENTER, grey);
  };
  double y = 70;
  y += centred(sheet.organisation, "Noto Sans 14", y, 0.25) + 24;
  y += centred(sheet.heading, "Noto Serif Bold 34", y, 0.12) + 26;
  y += centred(sheet.awarded_to, "Noto Sans 13", y, 0.35) + 10;
  y += centred(sheet.holder, "Noto Serif Bold 30", y, 0.05) + 18;
  centred(sheet.statement, "Noto Sans 14", y, 0.2);

  const double qr = 112;
  page.Qr(sheet.qr_text, kWidth - kMargin - qr, kHeight - kMargin - qr, qr);
  page.Text(sheet.issued, "Noto Sans 11", kMargin + 8, kHeight - kMargin - 70, 420, PANGO_ALIGN_LEFT, 0.3);
  page.Text(sheet.serial, "Noto Sans Mono 11", kMargin + 8, kHeight - kMargin - 50, 420, PANGO_ALIGN_LEFT, 0.3);
  page.Text(sheet.verify_hint, "Noto Sans 9", kMargin + 8, kHeight - kMargin - 28, 420, PANGO_ALIGN_LEFT, 0.3);
  return page.Finish();
}

}  // namespace cohort::docs
