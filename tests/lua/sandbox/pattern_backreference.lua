-- phase: frame
-- expect: CPU limit
local P = {}
local s = ("a"):rep(100000)
function P.frame() return s:find("(a*)%1%1b") end
return P
