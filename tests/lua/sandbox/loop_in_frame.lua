-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame() while true do end end
return P
