-- phase: frame
-- expect: bad argument #4 to 'load'
local P = {}
function P.frame() load('return 1') end
return P
