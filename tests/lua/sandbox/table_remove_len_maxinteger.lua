-- phase: frame
-- expect: CPU limit
-- table.remove shifts down to the length __len claims.
local P = {}
local t = setmetatable({}, { __len = function() return math.maxinteger end })
function P.frame() table.remove(t, 1) end
return P
