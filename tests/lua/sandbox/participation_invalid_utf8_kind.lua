-- phase: frame
-- expect: participation.log: kind is not valid UTF-8 text
local P = {}
function P.frame() participation.log("\xC3", { choice = "x" }) end
return P
