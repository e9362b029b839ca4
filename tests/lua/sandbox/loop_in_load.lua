-- phase: load
-- expect: CPU limit
local P = {}
function P.load() while true do end end
return P
