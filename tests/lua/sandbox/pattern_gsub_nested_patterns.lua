-- phase: frame
-- expect: CPU limit
-- Each replacement runs another bad pattern: many short matches add up to the budget.
local P = {}
local s = ("a"):rep(200000)
function P.frame() return s:gsub(".", function(c) return (("a"):rep(14)):find(("a*"):rep(8) .. "b") end) end
return P
