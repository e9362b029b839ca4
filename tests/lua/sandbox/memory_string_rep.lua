-- phase: frame
-- expect: string.rep: result over
local P = {}
function P.frame() local s = string.rep('x', 1e9) end
return P
