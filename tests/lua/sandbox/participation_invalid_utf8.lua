-- phase: frame
-- expect: participation.log: field 'choice' is not valid UTF-8 text
local P = {}
function P.frame() participation.log("answer", { choice = string.sub("有时会", 1, 2) }) end
return P
