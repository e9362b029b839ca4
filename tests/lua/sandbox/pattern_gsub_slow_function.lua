-- phase: frame
-- expect: CPU limit
-- A replacement function that is itself slow: the count hook stops it inside gsub.
local P = {}
local s = ("a"):rep(1000)
function P.frame() return s:gsub(".", function(c) local n = 0; for i = 1, 1e7 do n = n + i end return c end) end
return P
