#pragma once
// Officers get notices as PowerPoint or WPS presentations; the screen shows PDFs. Before a
// bundle is built, each .pptx, .ppt or .dps a PDF slot names is converted with LibreOffice
// headless (`soffice --convert-to pdf`) into the PDF beside it that the slot shows, unless that
// PDF is already newer than the presentation.
#include <filesystem>
#include <string>
#include <vector>

namespace eco::update {

// One line per presentation converted. Throws BundleError naming the slot's file:line when
// LibreOffice is not installed or the conversion fails.
std::vector<std::string> convert_presentations(const std::filesystem::path& content_dir);

}  // namespace eco::update
