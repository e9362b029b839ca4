-- phase: frame
-- expect: CPU limit
-- A replacement table whose __index is slow.
local P = {}
local t = setmetatable({}, { __index = function(_, k) while true do end end })
function P.frame() return ("abc"):gsub("%w", t) end
return P
