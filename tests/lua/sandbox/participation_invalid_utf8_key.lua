-- phase: frame
-- expect: participation.log: a field name is not valid UTF-8 text
local P = {}
function P.frame() participation.log("answer", { ["\xFF"] = "x" }) end
return P
