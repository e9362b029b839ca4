-- phase: leave
-- expect: CPU limit
local P = {}
function P.leave() while true do end end
return P
