#include <cstdio>
#include "app/config.h"
int main() { std::puts(ECOLOBBY_VERSION); }
