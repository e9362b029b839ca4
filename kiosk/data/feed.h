#pragma once
// One parsed feed (ecolobby-feed/1 JSON or a CSV of monthly entries): buildings, meters and
// readings, plus every problem found while reading it. Times are UTC seconds; each building
// carries its UTC offset because periods ("today", "this month") are in the building's time.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/factors.h"

namespace eco::data {

enum class BuildingType { StateOrgan, PublicUnit, Group };
enum class MeterMode { Cumulative, Interval };
enum class Quality : uint8_t { Ok, Estimated, Missing };

struct Building {
  std::string id, name;
  BuildingType type = BuildingType::PublicUnit;
  double area_m2 = 0;    // 0 = unknown: not ranked per m²
  double occupants = 0;  // 0 = unknown: not ranked per person
  int utc_offset_minutes = 480;
};

constexpr uint32_t kNoParent = UINT32_MAX;

struct Meter {
  std::string id;
  uint32_t building = 0;  // index into Feed::buildings
  Energy energy = Energy::Electricity;
  std::string code;       // 01000, 01B00, …
  std::string unit;       // as read; converted to the energy's base unit with unit_scale
  double unit_scale = 1;  // quantity in `unit` × unit_scale = quantity in the factor set's unit
  MeterMode mode = MeterMode::Cumulative;
  bool main = false;
  uint32_t parent = kNoParent;
  int64_t interval_s = 0;  // interval meters: the span of the first reading (0 = inferred)
};

struct Reading {
  int64_t start = 0;  // interval readings: start of the interval; cumulative: unused
  int64_t ts = 0;     // UTC seconds
  double value = 0;
  uint32_t meter = 0;
  Quality quality = Quality::Ok;
  uint32_t position = 0;  // line in the source, for messages
};

// A recoverable problem: the item named is left out and the rest is used.
struct FeedProblem {
  std::string where;  // "feed.json:120 readings[57]"
  std::string what;   // "value is negative (-3)"
};

struct Feed {
  std::string source;           // file path or URL, for messages
  std::string schema;
  int64_t generated_at = 0;     // UTC seconds; 0 = unknown
  bool region_scope = false;    // "scope": "region": the feed covers all of the plan's institutions
  std::vector<Building> buildings;
  std::vector<Meter> meters;
  std::vector<Reading> readings;
  std::vector<FeedProblem> problems;
  size_t problems_dropped = 0;  // problems beyond the cap, counted only

  void problem(std::string where, std::string what);
};

// The feed cannot be used at all (not JSON, wrong schema, no buildings). One line.
struct FeedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* building_type_name(BuildingType t);

// The guarantee behind every parser: whatever slipped through (a message cut mid-character, a
// name from a source without BOM), every string of the feed is valid UTF-8 afterwards, and none
// is longer than a screen can show (a 30 MB name would otherwise be copied into every snapshot,
// every plugin's state and the saved figures): names are cut to kMaxFeedName bytes and ids,
// codes and units to kMaxFeedId, on character boundaries, with one problem line saying so.
constexpr size_t kMaxFeedName = 200;
constexpr size_t kMaxFeedId = 120;
void make_text_valid(Feed& feed);

}  // namespace eco::data
