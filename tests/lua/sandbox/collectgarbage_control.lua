-- phase: frame
-- expect: only "count" is allowed
local P = {}
function P.frame() collectgarbage('stop') end
return P
