#include "docs/markdown.h"

#include <cstdlib>
#include <memory>

#include <cmark.h>

namespace cohort::docs {

std::string MarkdownToSafeHtml(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe since cmark 0.29 (CMARK_OPT_UNSAFE is the opt-in).
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace cohort::docs
