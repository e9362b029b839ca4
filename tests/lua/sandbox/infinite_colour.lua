-- phase: frame
-- expect: colour component 3 must be a finite number
local P = {}
function P.frame() ui.rect(0, 0, 10, 10, { color = { 1, 2, -1/0 } }) end
return P
