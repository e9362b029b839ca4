-- phase: frame
-- expect: field 'dump'
local P = {}
function P.frame() string.dump(P.frame) end
return P
