-- phase: frame
-- expect: participation.log: field 'answers[2].text' is not valid UTF-8 text
local P = {}
function P.frame() participation.log("answer", { answers = { { text = "好" }, { text = "\xE6\x9C" } } }) end
return P
