Lpcall(setmetatable, {}, {__gc = function() while true do end end})
do local x <close> = setmetatable({}, {__close = function() end}) end
