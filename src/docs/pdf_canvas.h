#pragma once
// Pages of a PDF drawn with cairo + pango (Noto fonts, so Azerbaijani and
// Cyrillic letters render and copy out correctly): wrapped text and QR
// codes. One canvas per document, on one thread.
#include <pango/pango-layout.h>

#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace cohort::docs {

class PdfCanvas {
 public:
  // Pages `width` × `height` points.
  PdfCanvas(double width, double height, const std::string& title, const std::string& author);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() { return cr_; }
  // `text` wrapped in a box `width` wide with its top left at (x, y), in
  // `grey` (0 black … 1 white); returns the height used.
  double Text(const std::string& text, const char* font, double x, double y, double width,
              PangoAlignment align = PANGO_ALIGN_LEFT, double grey = 0.1);
  // The QR code as filled squares, `size` points wide, top left at (x, y).
  void Qr(const std::string& text, double x, double y, double size);
  // Ends this page and starts the next.
  void NextPage();
  // Ends the last page; the PDF bytes.
  std::string Finish();

 private:
  std::string pdf_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
};

}  // namespace cohort::docs
