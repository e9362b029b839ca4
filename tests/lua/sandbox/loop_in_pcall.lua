-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame() while true do pcall(function() while true do end end) end end
return P
