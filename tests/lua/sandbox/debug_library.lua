-- phase: frame
-- expect: global 'debug'
local P = {}
function P.frame() debug.sethook() end
return P
