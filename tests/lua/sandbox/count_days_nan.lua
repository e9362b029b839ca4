-- phase: frame
-- expect: participation.count: days must be an integer from 1 to 36500
local P = {}
function P.frame() participation.count("answer", 0/0) end
return P
