-- phase: frame
-- expect: subject over 256 KB
local P = {}
function P.frame() string.find(string.rep('a', 300000), '.-.-.-.-b') end
return P
