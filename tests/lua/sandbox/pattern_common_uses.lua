-- phase: frame
-- expect: none
-- Ordinary plugin patterns keep working (and return what Lua's would).
local P = {}
function P.frame()
  assert(("Room 101"):match("%d+") == "101")
  assert(("  hi there  "):match("^%s*(.-)%s*$") == "hi there")
  assert(("Hello {name}!"):gsub("{(%w+)}", { name = "EcoLobby" }) == "Hello EcoLobby!")
  local n = 0
  for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do n = n + tonumber(v) end
  assert(n == 3)
  assert(select(2, string.find("x(y)z", "%b()")) == 4)
  assert(not pcall(string.find, "a", "[a"))
  assert(string.find("a.b", ".", 1, true) == 2)
end
return P
