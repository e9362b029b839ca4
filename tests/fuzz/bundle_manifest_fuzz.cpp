// bundle.toml through parse_manifest (what the bundle reader calls once the signature over these
// bytes verified, and what `bundle inspect` shows), then the program-version check and a
// round trip: a manifest that parsed must print (to_toml) to text that parses to the same
// files. BundleError is the only expected error.
#include "fuzz_support.h"
#include "update/bundle_error.h"
#include "update/bundle_manifest.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = eco::fuzz::as_text(data, size);
  eco::update::BundleManifest m;
  try {
    m = eco::update::parse_manifest(text, "bundle.toml");
  } catch (const eco::update::BundleError&) {
    return 0;
  }
  (void)eco::update::program_satisfies(m.min_program_version);
  (void)m.total_bytes();
  for (const auto& f : m.files)
    if (m.find(f.path) == nullptr) {
      std::fprintf(stderr, "FINDING: find('%s') misses a listed file\n", f.path.c_str());
      std::abort();
    }
  std::string printed = eco::update::to_toml(m);
  eco::update::BundleManifest again;
  try {
    again = eco::update::parse_manifest(printed, "bundle.toml (printed)");
  } catch (const eco::update::BundleError& e) {
    std::fprintf(stderr, "FINDING: a parsed manifest printed to text that does not parse: %s\n", e.what());
    std::abort();
  }
  if (again.files.size() != m.files.size()) {
    std::fprintf(stderr, "FINDING: round trip changed the file count %zu -> %zu\n", m.files.size(), again.files.size());
    std::abort();
  }
  for (size_t i = 0; i < m.files.size(); ++i)
    if (again.files[i].path != m.files[i].path || again.files[i].size != m.files[i].size ||
        again.files[i].sha256 != m.files[i].sha256) {
      std::fprintf(stderr, "FINDING: round trip changed file %zu ('%s')\n", i, m.files[i].path.c_str());
      std::abort();
    }
  return 0;
}
