-- phase: frame
-- expect: field 'execute'
local P = {}
function P.frame() os.execute('touch /tmp/ecolobby-pwned') end
return P
