-- phase: frame
-- expect: none
-- table.insert/remove/move keep Lua 5.4's results and errors.
local P = {}
local function same(t, list)
  assert(#t == #list, "length " .. #t)
  for i = 1, #list do assert(t[i] == list[i], "at " .. i .. ": " .. tostring(t[i])) end
end
function P.frame()
  local t = { 1, 2, 3 }
  table.insert(t, 4); same(t, { 1, 2, 3, 4 })
  table.insert(t, 1, 0); same(t, { 0, 1, 2, 3, 4 })
  table.insert(t, 6, 5); same(t, { 0, 1, 2, 3, 4, 5 })
  assert(table.remove(t) == 5); same(t, { 0, 1, 2, 3, 4 })
  assert(table.remove(t, 1) == 0); same(t, { 1, 2, 3, 4 })
  assert(table.remove({}) == nil)
  assert(table.remove({}, 0) == nil)
  local e = {}; assert(table.remove(e, 1) == nil)
  same(table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1), { 2, 3, 4, 4, 5 })   -- forward, overlapping
  same(table.move({ 1, 2, 3, 4, 5 }, 1, 3, 3), { 1, 2, 1, 2, 3 })   -- backward, overlapping
  same(table.move({ 1, 2, 3 }, 1, 3, 1, {}), { 1, 2, 3 })
  same(table.move({ 1, 2 }, 1, 0, 5), { 1, 2 })                      -- nothing to move
  assert(select(2, pcall(table.insert, { 1 }, 5, "x")):find("position out of bounds"))
  assert(select(2, pcall(table.insert, { 1 }, 1, 2, 3)):find("wrong number of arguments to 'insert'"))
  assert(select(2, pcall(table.remove, { 1 }, 5)):find("position out of bounds"))
  assert(select(2, pcall(table.move, {}, math.mininteger, 1, 1)):find("too many elements to move"))
  assert(select(2, pcall(table.move, { 1, 2 }, 1, 2, math.maxinteger)):find("destination wrap around"))
  assert(select(2, pcall(table.insert, "s", 1)):find("table expected"))
  -- Metamethods are honoured, as Lua's do.
  local log = {}
  local proxy = setmetatable({}, { __index = function(_, k) return k * 10 end,
                                   __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. v end })
  table.move(proxy, 1, 2, 5, proxy)
  assert(table.concat(log, ",") == "5=10,6=20", table.concat(log, ","))
end
return P
