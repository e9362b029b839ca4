-- phase: frame
-- expect: CPU limit
local P = {}
local s = ("a"):rep(100000)
function P.frame() return s:find((".-"):rep(30) .. "x") end
return P
