-- phase: frame
-- expect: read-only
local P = {}
function P.frame() ui.text = nil end
return P
