-- phase: frame
-- expect: global 'require'
local P = {}
function P.frame() require('os') end
return P
