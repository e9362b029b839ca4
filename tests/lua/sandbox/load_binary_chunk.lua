-- phase: frame
-- expect: attempt to load a binary chunk
local P = {}
function P.frame() local f, err = load('\27Lua' .. string.rep('\0', 40), 'x', 'b', {}) error(err) end
return P
