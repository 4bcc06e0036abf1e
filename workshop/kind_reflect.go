package workshop

// KindReflect is individual writing, such as a commitment: the prompts
// show all at once and the handout leaves room to write.
const KindReflect Kind = "reflect"

var reflectKind = KindDef{Kind: KindReflect, Name: "Reflection", Fresh: "New reflection", Fields: FieldPrompts}
