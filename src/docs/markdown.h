#pragma once
// Markdown written by coordinators (call descriptions) rendered for the
// browser.
#include <string>
#include <string_view>

namespace cohort::docs {

// CommonMark → HTML in cmark's safe mode: raw HTML is dropped and links or
// images with javascript:, vbscript:, file: or (non-image) data: URLs lose
// their target. The result is the only HTML the web UI inserts as such.
std::string MarkdownToSafeHtml(std::string_view markdown);

}  // namespace cohort::docs
