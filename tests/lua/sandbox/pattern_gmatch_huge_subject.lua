-- phase: frame
-- expect: CPU limit
-- One step of the iterator is quadratic (no 'x' anywhere): the for loop itself never gets a turn.
local P = {}
local s = ("word "):rep(50000)
function P.frame() for w in s:gmatch("(%a+).-x") do end end
return P
