-- phase: frame
-- expect: none
local P = {}
function P.frame() ui.text(string.rep('碳', 100000), 0, 0, { size = 1e9, width = -5 }) end
return P
