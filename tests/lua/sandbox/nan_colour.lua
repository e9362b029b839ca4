-- phase: frame
-- expect: colour component 1 must be a finite number
local P = {}
function P.frame() ui.text("x", 10, 10, { color = { 0/0, 0, 0 } }) end
return P
