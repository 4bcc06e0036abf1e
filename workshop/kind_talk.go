package workshop

// KindTalk is an exercise where the facilitator presents; the room gives
// nothing.
const KindTalk Kind = "talk"

var talkKind = KindDef{Kind: KindTalk, Name: "Talk", Fresh: "New talk", Fields: FieldPrompts}
