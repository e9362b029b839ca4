# Every dependency is a Debian 12 package installed by scripts/install-deps.sh.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2 SDL2_image)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(LUA REQUIRED IMPORTED_TARGET lua5.4)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SYSTEMD IMPORTED_TARGET libsystemd)
pkg_check_modules(MPV REQUIRED IMPORTED_TARGET mpv)  # video slots, through libmpv's render API
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler-cpp)  # PDF notices
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # export and report as spreadsheets
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(LibArchive REQUIRED)
find_package(OpenSSL REQUIRED)  # SHA-256 of bundles with the CPU's SHA extensions
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(simdjson REQUIRED)  # feeds of half a million readings: nlohmann parses them 20× slower
find_package(GTest REQUIRED)

# The SDL_Renderer backend of Dear ImGui 1.86 is shipped by libimgui-dev as example source, not in libimgui.a.
set(IMGUI_SDLRENDERER_SOURCE /usr/share/doc/libimgui-dev/examples/backends/imgui_impl_sdlrenderer.cpp)
if(NOT EXISTS ${IMGUI_SDLRENDERER_SOURCE})
  message(FATAL_ERROR "Missing ${IMGUI_SDLRENDERER_SOURCE}: run scripts/install-deps.sh")
endif()
