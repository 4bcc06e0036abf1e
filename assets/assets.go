// Package assets holds the files embedded in the Runsheet binary: the
// built-in plans, the phone page, the fonts for printing, the app icon and
// the licences.
package assets

import (
	"embed"
	_ "embed"
)

// Plans holds the built-in plans, under plans/.
//
//go:embed plans/*.toml
var Plans embed.FS

// BuiltinPlan is the file name, under plans/, of the built-in workshop.
const BuiltinPlan = "plans/implementing-vs-innovating.toml"

// BuiltinPlans lists every built-in workshop: the one above, then the
// same workshop in other languages.
var BuiltinPlans = []string{BuiltinPlan, "plans/implementieren-vs-innovieren.toml"}

// PhonePage is the web page phones load to vote.
//
//go:embed phone/index.html
var PhonePage []byte

// Fonts holds the fonts printed documents are set in, under fonts/, with
// their licences and a list of them (fonts/README.md).
//
//go:embed fonts/*.ttf fonts/*.txt fonts/README.md
var Fonts embed.FS

// Icon is the app icon as a PNG.
//
//go:embed icon.png
var Icon []byte

// Licence is Runsheet's own licence.
//
//go:embed licences/runsheet.txt
var Licence string

// ThirdParty holds the licence of every Go module built into Runsheet, as
// each module ships it; a test keeps it in step with go.mod.
//
//go:embed licences/third-party.txt
var ThirdParty string

// Lang holds the translations, in go-i18n's JSON form, one file a
// language: lang/room.LANG.json for what the room reads (the projector,
// the phone page).
//
//go:embed lang/*.json
var Lang embed.FS
