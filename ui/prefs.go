package ui

import (
	"errors"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/report"
	"runsheet/workshop/words"
)

// Preference keys.
const (
	prefFacilitator = "facilitator"
	prefPaper       = "paper"
	prefStart       = "guideStart"
	prefTheme       = "theme"
	prefRevealNext  = "revealBeforeNext"
	prefPhoneResult = "phonesSeeResults"
	prefLanguage    = "language"
	prefContrast    = "highContrast"
	prefNoFlash     = "noFlashing"
	prefSingleKeys  = "singleKeys"
)

// The themes, as the preferences keep them.
const (
	themeSystem = "System" // words: a value kept in preferences.json
	themeLight  = "Light"  // words: a value kept in preferences.json
	themeDark   = "Dark"   // words: a value kept in preferences.json
)

// themeValues lists the themes in the order Preferences offers them.
var themeValues = []string{themeSystem, themeLight, themeDark}

// themeNames says the themes in the app's language.
func themeNames() []string { return []string{tr("System"), tr("Light"), tr("Dark")} }

// SpeakPreferred makes the app speak the language chosen in the data
// folder's preferences, or the system's: for the windows shown before
// the library, such as the store's problems.
func SpeakPreferred(dataDir string) {
	setAppLanguage(loadPrefs(dataDir).String(prefLanguage))
}

// languageChoices are the app's languages as Preferences offers them:
// the system's first, then each in its own name; codes match them.
func languageChoices() (names, codes []string) {
	sys, _ := words.Find(systemAppLanguage())
	names, codes = []string{tr("As the system ({{.Language}})", "Language", sys.Name)}, []string{""}
	for _, c := range words.AppLanguages {
		l, _ := words.Find(c)
		names, codes = append(names, l.Name), append(codes, c)
	}
	return names, codes
}

// prefs are the preferences of the data folder in use.
func (s *Shell) prefs() *prefsFile { return s.preferences }

// highContrast reports whether the projector and console are drawn in high
// contrast.
func (s *Shell) highContrast() bool { return s.prefs().BoolWithFallback(prefContrast, false) }

// noFlashing reports whether the timer stays steady at zero instead of
// flashing: for viewers whom flashing distracts or harms.
func (s *Shell) noFlashing() bool { return s.prefs().BoolWithFallback(prefNoFlash, false) }

// singleKeys reports whether the console's character keys (B, ".", R, L,
// +, -, ?) act alone, as a clicker needs; off, they act only with Ctrl
// (Cmd on a Mac), and typing them does nothing.
func (s *Shell) singleKeys() bool { return s.prefs().BoolWithFallback(prefSingleKeys, true) }

// facilitator is the name recorded on new sessions.
func (s *Shell) facilitator() string { return s.prefs().String(prefFacilitator) }

// revealBeforeNext reports whether Next reveals an item's results before
// moving on from it: the quiz rhythm, on unless switched off.
func (s *Shell) revealBeforeNext() bool { return s.prefs().BoolWithFallback(prefRevealNext, true) }

// phoneResults reports whether revealed results reach the phones too.
func (s *Shell) phoneResults() bool { return s.prefs().BoolWithFallback(prefPhoneResult, true) }

// defaultPaper is the paper the print dialogs start with.
func (s *Shell) defaultPaper() report.Paper {
	if s.prefs().StringWithFallback(prefPaper, string(report.A4)) == string(report.Letter) {
		return report.Letter
	}
	return report.A4
}

// defaultStart is the guide's start time the print dialog starts with.
func (s *Shell) defaultStart() string { return s.prefs().StringWithFallback(prefStart, "09:00") }

// preferencesForm is the preferences dialog's content, kept for tests.
type preferencesForm struct {
	facilitator *ringEntry
	paper       *choice
	start       *ringEntry
	theme       *ringSelect
	contrast    *ringCheck
	noFlash     *ringCheck
	singleKeys  *ringCheck
	language    *ringSelect
	languages   []string // codes, in the order of language's options
	revealNext  *ringCheck
	phoneResult *ringCheck
	items       []*widget.FormItem
}

func (s *Shell) newPreferencesForm() *preferencesForm {
	f := &preferencesForm{
		facilitator: ringedEntry(&ringEntry{Entry: widget.Entry{Text: s.facilitator(), PlaceHolder: tr("Printed on summaries")}}),
		paper:       paperChoice(),
		start:       ringedEntry(&ringEntry{Entry: widget.Entry{Text: s.defaultStart()}}),
		theme:       newRingSelect(themeNames(), nil),
		contrast:    ringedCheck(&ringCheck{Check: widget.Check{Text: tr("High contrast (projector and console)"), Checked: s.highContrast()}}),
		noFlash:     ringedCheck(&ringCheck{Check: widget.Check{Text: tr("No flashing: the timer stays steady at zero"), Checked: s.noFlashing()}}),
		singleKeys:  ringedCheck(&ringCheck{Check: widget.Check{Text: tr("Keys B . R L + - ? work without Ctrl (a clicker's B needs this)"), Checked: s.singleKeys()}}),
		revealNext:  ringedCheck(&ringCheck{Check: widget.Check{Text: tr("Next reveals results before moving on"), Checked: s.revealBeforeNext()}}),
		phoneResult: ringedCheck(&ringCheck{Check: widget.Check{Text: tr("Phones see results once revealed"), Checked: s.phoneResults()}}),
	}
	if s.defaultPaper() == report.Letter {
		f.paper.SetSelected(tr("US Letter"))
	}
	f.theme.SetSelectedIndex(max(0, slices.Index(themeValues, s.prefs().StringWithFallback(prefTheme, themeSystem))))
	var names []string
	names, f.languages = languageChoices()
	f.language = newRingSelect(names, nil)
	f.language.SetSelectedIndex(max(0, slices.Index(f.languages, s.prefs().String(prefLanguage))))
	f.facilitator.Validator = func(v string) error {
		if _, err := workshop.CleanName(workshop.FacilitatorField, v); err != nil {
			return errors.New(errorText(err))
		}
		return nil
	}
	f.start.Validator = func(v string) error {
		_, err := report.ParseStart(v)
		return err
	}
	f.items = []*widget.FormItem{
		widget.NewFormItem(tr("Facilitator"), f.facilitator),
		widget.NewFormItem(tr("Paper"), f.paper.box),
		widget.NewFormItem(tr("Guide starts at"), f.start),
		widget.NewFormItem(tr("Theme"), container.NewVBox(f.theme, f.contrast, f.noFlash)),
		widget.NewFormItem(tr("Language"), f.language),
		widget.NewFormItem(tr("Keys"), f.singleKeys),
		widget.NewFormItem(tr("Voting"), container.NewVBox(f.revealNext, f.phoneResult)),
	}
	return f
}

// savePreferences stores the form's values, refusing invalid ones with the reason.
func (s *Shell) savePreferences(f *preferencesForm) error {
	name, err := workshop.CleanName(workshop.FacilitatorField, f.facilitator.Text)
	if err != nil {
		return errors.New(errorText(err))
	}
	if _, err := report.ParseStart(f.start.Text); err != nil {
		return err
	}
	if f.theme.SelectedIndex() < 0 {
		return errors.New(tr("choose a theme"))
	}
	language := f.languages[max(0, f.language.SelectedIndex())] // "": the system's
	p := s.prefs()
	p.SetString(prefFacilitator, name)
	p.SetString(prefPaper, string(paperOf(f.paper)))
	p.SetString(prefStart, f.start.Text)
	p.SetString(prefTheme, themeValues[f.theme.SelectedIndex()])
	p.SetBool(prefContrast, f.contrast.Checked)
	p.SetBool(prefNoFlash, f.noFlash.Checked)
	p.SetBool(prefSingleKeys, f.singleKeys.Checked)
	p.SetBool(prefRevealNext, f.revealNext.Checked)
	p.SetBool(prefPhoneResult, f.phoneResult.Checked)
	s.applyTheme()
	if language != p.String(prefLanguage) {
		p.SetString(prefLanguage, language)
		setAppLanguage(language)
		s.library = newLibrary(s) // in the new words
		s.showLibrary()
	}
	return nil
}

func (s *Shell) showPreferences() { s.askPreferences(s.newPreferencesForm()) }

// askPreferences shows the form; a value refused brings it back as it
// was typed once the reason is read.
func (s *Shell) askPreferences(f *preferencesForm) {
	s.askForm(tr("Preferences"), tr("Save"), tr("Cancel"), f.items, func(ok bool) {
		if !ok {
			return
		}
		if err := s.savePreferences(f); err != nil {
			s.showErrorThen(tr("Preferences not saved"), err, func() { s.askPreferences(f) })
		}
	})
}

// applyTheme sets the theme chosen in the preferences, in high contrast
// when that is chosen too, on the console and the projector.
func (s *Shell) applyTheme() {
	var t fyne.Theme
	switch s.prefs().StringWithFallback(prefTheme, themeSystem) {
	case themeLight:
		t = variantTheme{theme.VariantLight}
	case themeDark:
		t = variantTheme{theme.VariantDark}
	default:
		t = systemTheme{}
	}
	if s.highContrast() {
		t = contrastTheme{t}
	}
	s.app.Settings().SetTheme(t)
	if s.console != nil {
		s.console.timer.SetHighContrast(s.highContrast())
		s.console.timer.SetSteady(s.noFlashing())
		if s.console.projector != nil {
			s.console.projector.setHighContrast(s.highContrast())
		}
	}
}

// contrastTheme is a theme in high contrast: black on white or white on
// black, its quieter text and borders in the foreground's colour, what
// is switched off in grey, and the keyboard's focus a strong blue or
// yellow.
type contrastTheme struct{ base fyne.Theme }

func (t contrastTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if vt, ok := t.base.(variantTheme); ok {
		v = vt.variant
	}
	// What is switched off reads in grey, 6:1 and more from the
	// background, plainly apart from what is on.
	ink, paper, focus, off := color.Color(color.Black), color.Color(color.White), color.NRGBA{B: 0xCC, A: 0x80}, color.Color(color.NRGBA{R: 0x60, G: 0x60, B: 0x60, A: 0xFF})
	if v == theme.VariantDark {
		ink, paper, focus, off = color.White, color.Black, color.NRGBA{R: 0xFF, G: 0xFF, A: 0x80}, color.NRGBA{R: 0xA0, G: 0xA0, B: 0xA0, A: 0xFF}
	}
	switch n {
	case theme.ColorNameDisabled:
		return off
	case theme.ColorNameForeground, theme.ColorNamePlaceHolder,
		theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return ink
	case theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground:
		return paper
	case theme.ColorNameFocus, theme.ColorNameSelection:
		return focus
	}
	return t.base.Color(n, v)
}
func (t contrastTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t contrastTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }
func (t contrastTheme) Size(n fyne.ThemeSizeName) float32       { return t.base.Size(n) }

// variantTheme is the default theme held to light or dark.
type variantTheme struct{ variant fyne.ThemeVariant }

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return readableColor(n, t.variant)
}

// systemTheme is the default theme following the system's light or dark.
type systemTheme struct{}

func (systemTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return readableColor(n, v)
}
func (systemTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (systemTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return readableIcon(n) }
func (systemTheme) Size(n fyne.ThemeSizeName) float32       { return readableSize(n) }

// The default theme's blue stands at 4.47:1 under white text and on
// white, short of 4.5:1: the light theme takes a deeper blue (5.6:1 both
// ways). The dark theme keeps it: the same colour is the buttons' ground
// under white text and the chosen tab's text on the dark background, and
// no blue reaches 4.5:1 at both; white on it keeps 4.47:1.
var primaryBlue = color.NRGBA{R: 30, G: 98, B: 214, A: 0xFF}

// readableColor is the default theme's colour n, its blue made readable,
// its fields' and ticks' outlines 3:1 and more from the window and the
// field (they stood at 1.3:1 and 1.5:1), and the light theme's grey
// hints in empty fields 4.5:1 and more on the field (3.2:1).
func readableColor(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	base := theme.DefaultTheme().Color(n, v)
	switch {
	case (n == theme.ColorNamePrimary || n == theme.ColorNameHyperlink) && v == theme.VariantLight && sameColor(base, fyneBlue):
		return primaryBlue
	case n == theme.ColorNameInputBorder && v == theme.VariantLight:
		return color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xFF}
	case n == theme.ColorNameInputBorder:
		return color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xFF}
	case n == theme.ColorNamePlaceHolder && v == theme.VariantLight:
		return color.NRGBA{R: 0x6a, G: 0x6a, B: 0x6a, A: 0xFF}
	}
	return base
}

// fyneBlue is the default theme's blue; a primary colour the user chose
// in Fyne's settings is left as it is.
var fyneBlue = color.NRGBA{R: 41, G: 111, B: 246, A: 0xFF}

// sameColor reports whether two colours are the same once drawn.
func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}
func (variantTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return readableIcon(n) }

// boldCheckBox is an empty tick box with a frame three units of 24 thick:
// Fyne's, two units thick, came out smoothed at 2:1 from the window, its
// colour (the fields' outline) 3:1 and more.
var boldCheckBox = theme.NewThemedResource(fyne.NewStaticResource("check-box-bold.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill-rule="evenodd" d="M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM6 6v12h12V6z"/></svg>`))) // words: an SVG drawing

// readableIcon is the default theme's icon n, the empty tick box bolder.
func readableIcon(n fyne.ThemeIconName) fyne.Resource {
	if n == theme.IconNameCheckButton {
		return boldCheckBox
	}
	return theme.DefaultTheme().Icon(n)
}
func (variantTheme) Size(n fyne.ThemeSizeName) float32 { return readableSize(n) }

// readableSize is the default theme's size n, fields' outlines drawn two
// pixels wide: one pixel, smoothed across two, came out at half its
// colour (2.4:1 where the colour stands at 4.5:1).
func readableSize(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInputBorder {
		return 2
	}
	return theme.DefaultTheme().Size(n)
}
