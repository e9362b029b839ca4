-- phase: frame
-- expect: CPU limit
-- %b scans to the end of the subject from every start position: quadratic in C.
local P = {}
local s = ("("):rep(200000)
function P.frame() return s:gsub("%b()", "") end
return P
