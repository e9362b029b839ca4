-- phase: frame
-- expect: global 'io'
local P = {}
function P.frame() io.open('/etc/passwd') end
return P
