-- phase: frame
-- expect: CPU limit
-- pcall around the bad pattern does not get the plugin past the limit.
local P = {}
function P.frame()
  while true do pcall(string.find, ("a"):rep(40), ("a*"):rep(40) .. "b") end
end
return P
