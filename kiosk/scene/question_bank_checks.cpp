#include "scene/question_bank_checks.h"

#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "base/content_checks.h"
#include "base/toml_reader.h"

namespace eco {
namespace {

const char* const kLanguages[] = {"zh-CN", "en"};

std::string at(const std::string& file, const toml::node* n) {
  return n ? fmt::format("{}:{}", file, n->source().begin.line) : file;
}

// A {zh-CN = "…", en = "…"} field: every language present and not empty.
void check_text(const toml::table& q, const char* key, const std::string& where, const std::string& file,
                std::vector<std::string>& out) {
  const toml::table* t = q[key].as_table();
  if (!t) {
    out.push_back(fmt::format("{}: {}: '{}' must be {{ zh-CN = \"…\", en = \"…\" }}", at(file, q.get(key) ? q.get(key) : &q), where, key));
    return;
  }
  for (const char* lang : kLanguages) {
    auto v = (*t)[lang].value<std::string>();
    if (!v || v->empty()) out.push_back(fmt::format("{}: {}: '{}' has no {} text", at(file, t), where, key, lang));
  }
}

}  // namespace

std::vector<std::string> check_question_bank(const std::filesystem::path& path) {
  std::vector<std::string> out;
  std::string file = path.string();
  std::shared_ptr<toml::table> doc;
  try {
    doc = parse_toml_file(file);
  } catch (const ConfigError& e) {
    return {e.what()};
  }
  const toml::array* questions = (*doc)["question"].as_array();
  if (!questions || questions->empty()) return {file + ": no [[question]] entries: the quiz would have nothing to ask"};
  std::set<std::string> ids;
  size_t index = 0;
  for (const toml::node& node : *questions) {
    const toml::table* q = node.as_table();
    std::string where = fmt::format("question[{}]", index++);
    if (!q) continue;
    auto id = (*q)["id"].value<std::string>();
    if (!id || id->empty()) {
      out.push_back(fmt::format("{}: {}: no id", at(file, q), where));
    } else {
      where += " '" + *id + "'";
      if (!ids.insert(*id).second) out.push_back(fmt::format("{}: {}: duplicate id", at(file, q->get("id")), where));
    }
    check_text(*q, "question", where, file, out);
    check_text(*q, "explanation", where, file, out);
    auto source = (*q)["source"].value<std::string>();
    if (!source || source->empty()) out.push_back(fmt::format("{}: {}: no source", at(file, q), where));
    size_t count = 0;
    const toml::table* options = (*q)["options"].as_table();
    for (const char* lang : kLanguages) {
      const toml::array* list = options ? (*options)[lang].as_array() : nullptr;
      if (!list || list->size() < 2 || list->size() > 6) {
        out.push_back(fmt::format("{}: {}: options.{} must list 2 to 6 answers", at(file, options ? options : q), where, lang));
        continue;
      }
      if (count && list->size() != count)
        out.push_back(fmt::format("{}: {}: options.{} has {} answers, the other language {}", at(file, list), where, lang, list->size(), count));
      count = list->size();
    }
    auto answer = (*q)["answer"].value_exact<int64_t>();  // exact: 2.5 is no option, and 2e48 would be undefined to convert
    if (!answer) out.push_back(fmt::format("{}: {}: no correct answer ('answer' = number of the right option)", at(file, q), where));
    else if (count && (*answer < 1 || *answer > static_cast<int64_t>(count)))
      out.push_back(fmt::format("{}: {}: answer {} is not one of the {} options", at(file, q->get("answer")), where, *answer, count));
  }
  return out;
}

void register_question_bank_checks() {
  add_content_check("question banks", [](const Config&, const std::filesystem::path& dir, CheckReport& report) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir / "quiz", ec)) {
      if (e.path().extension() != ".toml") continue;
      for (auto& problem : check_question_bank(e.path())) report.errors.push_back(std::move(problem));
    }
  });
}

}  // namespace eco
