#include "docs/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>

namespace cohort::docs {
namespace {

constexpr double kWidth = 841.89;   // A4 landscape, points
constexpr double kHeight = 595.28;
constexpr double kMargin = 56;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Building a font map is the slow part of pango; each thread keeps one.
PangoFontMap* FontMap() {
  thread_local std::unique_ptr<PangoFontMap, decltype(&g_object_unref)> map(pango_cairo_font_map_new(),
                                                                              &g_object_unref);
  return map.get();
}

// Writes `text` centred between the margins with its top at `y`; returns
// the height used.
double Centred(cairo_t* cr, PangoContext* context, const std::string& text, const char* font, double y,
               double grey = 0.1) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_layout_new(context), &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string(font), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>((kWidth - 2 * kMargin - 40) * PANGO_SCALE));
  pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  int width = 0, height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  cairo_set_source_rgb(cr, grey, grey, grey + 0.05);
  cairo_move_to(cr, kMargin + 20, y);
  pango_cairo_update_layout(cr, layout.get());
  pango_cairo_show_layout(cr, layout.get());
  return static_cast<double>(height) / PANGO_SCALE;
}

void Left(cairo_t* cr, PangoContext* context, const std::string& text, const char* font, double x, double y) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_layout_new(context), &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string(font), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>(420 * PANGO_SCALE));
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.35);
  cairo_move_to(cr, x, y);
  pango_cairo_update_layout(cr, layout.get());
  pango_cairo_show_layout(cr, layout.get());
}

// The QR code as filled squares, `size` points wide, top left at (x, y).
void Qr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return;
  const int n = code->width;
  const double quiet = 4;  // modules of white border
  const double module = size / (n + 2 * quiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if (code->data[row * n + col] & 1) {
        cairo_rectangle(cr, x + (quiet + col) * module, y + (quiet + row) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

}  // namespace

std::string RenderCertificatePdf(const CertificateSheet& sheet) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(&Append, &pdf, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (sheet.heading + " — " + sheet.holder).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, sheet.organisation.c_str());
  cairo_t* cr = cairo_create(surface);
  std::unique_ptr<PangoContext, decltype(&g_object_unref)> context(pango_font_map_create_context(FontMap()),
                                                                    &g_object_unref);
  pango_cairo_update_context(cr, context.get());

  // A quiet double frame.
  cairo_set_source_rgb(cr, 0.16, 0.29, 0.48);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, 32, 32, kWidth - 64, kHeight - 64);
  cairo_stroke(cr);

  double y = 70;
  y += Centred(cr, context.get(), sheet.organisation, "Noto Sans 14", y, 0.25) + 24;
  y += Centred(cr, context.get(), sheet.heading, "Noto Serif Bold 34", y, 0.12) + 26;
  y += Centred(cr, context.get(), sheet.awarded_to, "Noto Sans 13", y, 0.35) + 10;
  y += Centred(cr, context.get(), sheet.holder, "Noto Serif Bold 30", y, 0.05) + 18;
  Centred(cr, context.get(), sheet.statement, "Noto Sans 14", y, 0.2);

  const double qr = 112;
  Qr(cr, sheet.qr_text, kWidth - kMargin - qr, kHeight - kMargin - qr, qr);
  Left(cr, context.get(), sheet.issued, "Noto Sans 11", kMargin + 8, kHeight - kMargin - 70);
  Left(cr, context.get(), sheet.serial, "Noto Sans Mono 11", kMargin + 8, kHeight - kMargin - 50);
  Left(cr, context.get(), sheet.verify_hint, "Noto Sans 9", kMargin + 8, kHeight - kMargin - 28);

  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pdf;
}

}  // namespace cohort::docs
