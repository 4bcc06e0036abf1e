package ui

import (
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/report"
)

// Preference keys.
const (
	prefFacilitator = "facilitator"
	prefPaper       = "paper"
	prefStart       = "guideStart"
	prefTheme       = "theme"
	prefRevealNext  = "revealBeforeNext"
	prefPhoneResult = "phonesSeeResults"
)

var themeNames = []string{"System", "Light", "Dark"}

// prefs are the preferences of the data folder in use.
func (s *Shell) prefs() *prefsFile { return s.preferences }

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
	facilitator *widget.Entry
	paper       *widget.RadioGroup
	start       *widget.Entry
	theme       *widget.Select
	revealNext  *widget.Check
	phoneResult *widget.Check
	items       []*widget.FormItem
}

func (s *Shell) newPreferencesForm() *preferencesForm {
	f := &preferencesForm{
		facilitator: &widget.Entry{Text: s.facilitator(), PlaceHolder: "Printed on summaries"},
		paper:       paperChoice(),
		start:       &widget.Entry{Text: s.defaultStart()},
		theme:       widget.NewSelect(themeNames, nil),
		revealNext:  &widget.Check{Text: "Next reveals results before moving on", Checked: s.revealBeforeNext()},
		phoneResult: &widget.Check{Text: "Phones see results once revealed", Checked: s.phoneResults()},
	}
	if s.defaultPaper() == report.Letter {
		f.paper.SetSelected("US Letter")
	}
	f.theme.SetSelected(s.prefs().StringWithFallback(prefTheme, "System"))
	f.facilitator.Validator = func(v string) error {
		_, err := workshop.CleanName("the facilitator name", v)
		return err
	}
	f.start.Validator = func(v string) error {
		_, err := report.ParseStart(v)
		return err
	}
	f.items = []*widget.FormItem{
		widget.NewFormItem("Facilitator", f.facilitator),
		widget.NewFormItem("Paper", f.paper),
		widget.NewFormItem("Guide starts at", f.start),
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Voting", container.NewVBox(f.revealNext, f.phoneResult)),
	}
	return f
}

// savePreferences stores the form's values, refusing invalid ones with the reason.
func (s *Shell) savePreferences(f *preferencesForm) error {
	name, err := workshop.CleanName("the facilitator name", f.facilitator.Text)
	if err != nil {
		return err
	}
	if _, err := report.ParseStart(f.start.Text); err != nil {
		return err
	}
	if f.theme.Selected == "" {
		return errors.New("choose a theme")
	}
	p := s.prefs()
	p.SetString(prefFacilitator, name)
	p.SetString(prefPaper, string(paperOf(f.paper)))
	p.SetString(prefStart, f.start.Text)
	p.SetString(prefTheme, f.theme.Selected)
	p.SetBool(prefRevealNext, f.revealNext.Checked)
	p.SetBool(prefPhoneResult, f.phoneResult.Checked)
	s.applyTheme()
	return nil
}

func (s *Shell) showPreferences() {
	f := s.newPreferencesForm()
	dialog.ShowForm("Preferences", "Save", "Cancel", f.items, func(ok bool) {
		if !ok {
			return
		}
		if err := s.savePreferences(f); err != nil {
			s.showError("Preferences not saved", err)
		}
	}, s.win)
}

// applyTheme sets the theme chosen in the preferences.
func (s *Shell) applyTheme() {
	switch s.prefs().StringWithFallback(prefTheme, "System") {
	case "Light":
		s.app.Settings().SetTheme(variantTheme{theme.VariantLight})
	case "Dark":
		s.app.Settings().SetTheme(variantTheme{theme.VariantDark})
	default:
		s.app.Settings().SetTheme(theme.DefaultTheme())
	}
}

// variantTheme is the default theme held to light or dark.
type variantTheme struct{ variant fyne.ThemeVariant }

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.variant)
}
func (variantTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (variantTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
