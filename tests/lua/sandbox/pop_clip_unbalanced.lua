-- phase: frame
-- expect: no clip to pop
local P = {}
function P.frame() ui.pop_clip() end
return P
