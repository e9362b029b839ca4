-- phase: frame
-- expect: global 'dofile'
local P = {}
function P.frame() dofile('/etc/passwd') end
return P
