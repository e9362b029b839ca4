-- phase: frame
-- expect: must be a finite number
local P = {}
function P.frame() ui.rect(0/0, 0, 1/0, 10) end
return P
