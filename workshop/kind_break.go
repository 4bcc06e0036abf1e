package workshop

// KindBreak is a pause; the room is told when to be back.
const KindBreak Kind = "break"

var breakKind = KindDef{Kind: KindBreak, Name: "Break", Fresh: "Insert a break", Fields: FieldPrompts, Pause: true}
