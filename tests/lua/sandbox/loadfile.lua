-- phase: frame
-- expect: global 'loadfile'
local P = {}
function P.frame() loadfile('/etc/passwd') end
return P
