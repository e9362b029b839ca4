-- phase: frame
-- expect: CPU limit
-- The example of issue #17: 40 stars before a 'b' that never comes, on a 40-byte subject.
local P = {}
function P.frame() string.find(("a"):rep(40), ("a*"):rep(40) .. "b") end
return P
