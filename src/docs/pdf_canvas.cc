#include "docs/pdf_canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>

namespace cohort::docs {
namespace {

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

}  // namespace

PdfCanvas::PdfCanvas(double width, double height, const std::string& title, const std::string& author) {
  surface_ = cairo_pdf_surface_create_for_stream(&Append, &pdf_, width, height);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
  cr_ = cairo_create(surface_);
  context_ = pango_font_map_create_context(FontMap());
  pango_cairo_update_context(cr_, context_);
}

PdfCanvas::~PdfCanvas() {
  if (context_) g_object_unref(context_);
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

double PdfCanvas::Text(const std::string& text, const char* font, double x, double y, double width,
                       PangoAlignment align, double grey) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_layout_new(context_), &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string(font), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  cairo_set_source_rgb(cr_, grey, grey, grey + 0.05);
  cairo_move_to(cr_, x, y);
  pango_cairo_update_layout(cr_, layout.get());
  pango_cairo_show_layout(cr_, layout.get());
  return static_cast<double>(h) / PANGO_SCALE;
}

void PdfCanvas::Qr(const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M),
                                                       &QRcode_free);
  if (!code) return;
  const int n = code->width;
  const double quiet = 4;  // modules of white border
  const double module = size / (n + 2 * quiet);
  cairo_set_source_rgb(cr_, 1, 1, 1);
  cairo_rectangle(cr_, x, y, size, size);
  cairo_fill(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if (code->data[row * n + col] & 1) {
        cairo_rectangle(cr_, x + (quiet + col) * module, y + (quiet + row) * module, module, module);
      }
    }
  }
  cairo_fill(cr_);
}

void PdfCanvas::NextPage() { cairo_show_page(cr_); }

std::string PdfCanvas::Finish() {
  cairo_show_page(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  return std::move(pdf_);
}

}  // namespace cohort::docs
