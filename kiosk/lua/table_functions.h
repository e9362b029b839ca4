#pragma once
// table.insert, table.remove and table.move as Lua 5.4's ltablib.c has them, but stopping at the
// CPU budget: theirs loop in C over a length or range the plugin chooses
// (table.move({}, 1, math.maxinteger - 1, 1, {}), or a __len of math.maxinteger), where the
// count hook never fires and moving nils allocates nothing the memory cap could refuse.
struct lua_State;

namespace eco::lua {

class Budget;

void install_table_functions(lua_State* L, Budget* budget);

}  // namespace eco::lua
