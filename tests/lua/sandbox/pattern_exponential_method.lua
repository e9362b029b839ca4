-- phase: frame
-- expect: CPU limit
-- The same through the string methods, which share the string table.
local P = {}
function P.frame() local s = ("a"):rep(40); return s:match(("a*"):rep(40) .. "b") end
return P
