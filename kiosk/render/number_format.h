#pragma once
// Figures as the lobby screen shows them, read from three metres away: a fixed number of
// decimals, "—" for a value that is not a number (a missing reading, not a zero), and thousands
// separators where the caller wants them ("12,345.6"; ui.number does, the energy tiles do not).
#include <string>

namespace eco {

enum class Grouping { None, Thousands };

std::string format_number(double value, int decimals, Grouping grouping = Grouping::Thousands);

}  // namespace eco
