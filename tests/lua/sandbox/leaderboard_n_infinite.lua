-- phase: frame
-- expect: participation.leaderboard: option 'n' must be an integer
local P = {}
function P.frame() participation.leaderboard({ kind = "answer", n = 1/0 }) end
return P
