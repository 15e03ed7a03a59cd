#include "docs/badge_pdf.h"

#include <cairo.h>

#include "docs/pdf_canvas.h"

namespace cohort::docs {
namespace {

constexpr double kWidth = 297.64;  // A6 portrait, points
constexpr double kHeight = 419.53;
constexpr double kMargin = 20;

}  // namespace

std::string RenderBadgesPdf(const std::vector<Badge>& badges, const std::string& title) {
  PdfCanvas pages(kWidth, kHeight, title, "Cohort");
  const double width = kWidth - 2 * kMargin;
  for (std::size_t i = 0; i < badges.size(); ++i) {
    const Badge& b = badges[i];
    if (i > 0) pages.NextPage();
    cairo_t* cr = pages.cr();
    // The event on a coloured band.
    cairo_set_source_rgb(cr, 0.16, 0.29, 0.48);
    cairo_rectangle(cr, 0, 0, kWidth, 96);
    cairo_fill(cr);
    double y = kMargin;
    y += pages.Text(b.event, "Noto Sans Bold 15", kMargin, y, width, PANGO_ALIGN_CENTER, 1.0) + 6;
    pages.Text(b.when_where, "Noto Sans 9", kMargin, y, width, PANGO_ALIGN_CENTER, 0.9);
    y = 120;
    y += pages.Text(b.name, "Noto Serif Bold 22", kMargin, y, width, PANGO_ALIGN_CENTER, 0.05) + 10;
    y += pages.Text(b.organisation, "Noto Sans 12", kMargin, y, width, PANGO_ALIGN_CENTER, 0.25) + 6;
    pages.Text(b.role, "Noto Sans Bold 10", kMargin, y, width, PANGO_ALIGN_CENTER, 0.35);
    const double qr = 120;
    pages.Qr(b.qr_text, (kWidth - qr) / 2, kHeight - kMargin - qr, qr);
  }
  return pages.Finish();
}

}  // namespace cohort::docs
