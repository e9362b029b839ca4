-- phase: frame
-- expect: CPU limit
-- table.insert shifts up from the length __len claims.
local P = {}
local t = setmetatable({}, { __len = function() return math.maxinteger - 1 end })
function P.frame() table.insert(t, 1, "x") end
return P
