-- phase: frame
-- expect: global 'package'
local P = {}
function P.frame() package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system') end
return P
