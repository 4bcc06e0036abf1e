package workshop

// KindDiscuss is an exercise of prompts discussed in rounds, one prompt a
// round.
const KindDiscuss Kind = "discuss"

var discussKind = KindDef{Kind: KindDiscuss, Name: "Discussion", Fresh: "New discussion", Fields: FieldPrompts, Prompted: true, Rounds: true}
