#pragma once
// The data concern's part of `ecolobby check`: every factor file and target file in the content
// directory loads.
namespace eco::data {
void register_data_checks();
}
