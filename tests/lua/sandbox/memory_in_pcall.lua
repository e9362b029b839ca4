-- phase: frame
-- expect: limit
local P = {}
function P.frame() while true do pcall(function() local t = {} for i = 1, 1e9 do t[i] = {} end end) end end
return P
