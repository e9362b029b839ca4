-- phase: frame
-- expect: CPU limit
local P = {}
local s = ("ab "):rep(60000)
function P.frame() return s:find(("%f[%a]%a-"):rep(15) .. "!") end
return P
