-- phase: frame
-- expect: CPU limit
-- table.move over nine quintillion nils: Lua's own loops in C, allocating nothing.
local P = {}
function P.frame() table.move({}, 1, math.maxinteger - 1, 1, {}) end
return P
