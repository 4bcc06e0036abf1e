package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// scriptTexts are sentences a trainer might write in each language the page
// checker sets, with the punctuation, numbers and Latin words such plans
// hold. A plan in the language is the built-in workshop with every text
// replaced by these in turn.
var scriptTexts = map[string]struct {
	lang    string // the documents' language, when the app has it
	texts   []string
	options []string
	scale   []string
}{
	"pl": {"pl", []string{
		"Rozgrzewka: czego potrzebuje Twój tydzień?",
		"Nie ma tu dobrych odpowiedzi. Głosuj na to, czego Twój tydzień wymaga najczęściej: planowania, organizowania, wyznaczania celów.",
		"Ustala cele zespołu na następny kwartał w Łodzi.",
		"Zaproponuj dwie zmiany w sposobie prowadzenia spotkań i uzasadnij je przykładami z ostatnich tygodni.",
		"Wdrażanie nowego systemu oceniania pracowników w przedsiębiorstwie.",
		"Odpowiedzialność, przejrzystość, empatia i konsekwencja.",
	}, []string{"Wdrażać", "Wprowadzać innowacje"}, []string{"Rzadko", "Zawsze"}},
	"ar": {"ar", []string{
		"الإحماء: ماذا يحتاج أسبوعك؟",
		"لا توجد إجابات صحيحة. صوّت لما يطلبه أسبوعك أكثر من غيره: التخطيط، والتنظيم، ووضع الأهداف لعام 2026.",
		"يضع أهداف الفريق للربع القادم (Q3) ويتابعها أسبوعيًا.",
		"اقترح تغييرين في طريقة إدارة الاجتماعات على Zoom، واشرح السبب بمثالين.",
		"القيادة والإدارة أداتان: متى تستخدم كل واحدة منهما؟",
		"النزاهة، والشفافية، والتعاطف، وروح المبادرة.",
	}, []string{"التنفيذ", "الابتكار"}, []string{"نادرًا", "دائمًا"}},
	"he": {"", []string{
		"חימום: מה השבוע שלך צריך?",
		"אין תשובות נכונות. הצביעו על מה שהשבוע שלכם דורש הכי הרבה: תכנון, ארגון והצבת יעדים לשנת 2026.",
		"קובע את יעדי הצוות לרבעון הבא (Q3) ועוקב אחריהם מדי שבוע.",
		"הציעו שני שינויים באופן ניהול הפגישות ב-Zoom, והסבירו מדוע בעזרת שתי דוגמאות.",
		"מנהיגות וניהול הם כלים: מתי משתמשים בכל אחד מהם?",
		"יושרה, שקיפות, אמפתיה ויוזמה.",
	}, []string{"יישום", "חדשנות"}, []string{"לעיתים רחוקות", "תמיד"}},
	"ja": {"", []string{
		"ウォームアップ：今週に必要なものは？",
		"正解はありません。「あなた自身の一週間」が最も求めるものに投票してください。計画、組織化、目標設定、そして改善。",
		"次の四半期のチーム目標を設定し、毎週確認する。",
		"会議の進め方について二つの変更を提案し、最近の例を挙げて理由を説明してください。",
		"管理とリーダーシップはどちらも道具です。いつ、どちらを使うべきでしょうか？",
		"誠実さ、透明性、共感、そして主体性。",
	}, []string{"実行", "革新"}, []string{"めったにない", "いつも"}},
	"ko": {"", []string{
		"준비 운동: 이번 주에 필요한 것은 무엇인가요?",
		"정답은 없습니다. 이번 주에 가장 많이 요구되는 것에 투표하세요: 계획, 조직, 목표 설정.",
		"다음 분기의 팀 목표를 정하고 매주 확인합니다.",
		"회의 진행 방식에 대해 두 가지 변화를 제안하고, 최근의 예를 들어 이유를 설명하세요.",
		"관리와 리더십은 모두 도구입니다. 언제 어느 것을 써야 할까요?",
		"정직, 투명성, 공감, 그리고 주도성.",
	}, []string{"실행", "혁신"}, []string{"드물게", "항상"}},
	"zh": {"", []string{
		"热身：你这一周需要什么？",
		"没有标准答案。请为你这一周最需要的事情投票：计划、组织、设定目标，以及持续改进。",
		"制定下个季度的团队目标，并每周跟进。",
		"请就会议的进行方式提出两项改变，并用最近的例子说明理由。",
		"管理和领导都是工具。什么时候该用哪一个？",
		"诚信、透明、同理心和主动性。",
	}, []string{"执行", "创新"}, []string{"很少", "总是"}},
}

// scriptPlan is the built-in workshop with its texts in the script of code.
func scriptPlan(code string) *workshop.Plan {
	s := scriptTexts[code]
	p := plans.Builtin()
	n := 0
	next := func() string { n++; return s.texts[n%len(s.texts)] }
	long := func() string { return next() + " " + next() }
	p.Language = s.lang
	p.Title, p.Summary = s.texts[4], s.texts[1]
	for i := range p.Ideas {
		id := &p.Ideas[i]
		id.Title, id.Text = next(), long()
		for k := range id.Points {
			id.Points[k] = next()
		}
	}
	if c := p.Contrast; c != nil {
		c.Left, c.Right = s.options[0], s.options[1]
		for k := range c.Rows {
			c.Rows[k] = [2]string{next(), next()}
		}
	}
	for i := range p.Exercises {
		ex := &p.Exercises[i]
		ex.Title = next()
		if ex.Brief != "" {
			ex.Brief = long()
		}
		if ex.Notes != "" {
			ex.Notes = long()
		}
		for k := range ex.Prompts {
			ex.Prompts[k] = next()
		}
		old := ex.Options
		if len(old) > 0 {
			ex.Options = append([]string(nil), s.options...)
		}
		for k := range ex.Items {
			it := &ex.Items[k]
			it.Text = next()
			for o, name := range old {
				if it.Expect == name {
					it.Expect = s.options[o]
				}
			}
		}
		if len(ex.Scale) == 2 {
			ex.Scale = append([]string(nil), s.scale...)
		}
	}
	return p
}

// pageDoc is one document of the page checker's matrix.
type pageDoc struct {
	name  string
	write func(*strings.Builder) error
}

// matrixPlans are the plans the checker sets: the built-in workshops in
// English and German, and a plan in each of the other scripts.
func matrixPlans() map[string]*workshop.Plan {
	byCode := map[string]*workshop.Plan{}
	for _, p := range plans.Builtins() {
		code := p.Language
		if code == "" {
			code = "en"
		}
		byCode[code] = p
	}
	for code := range scriptTexts {
		byCode[code] = scriptPlan(code)
	}
	return byCode
}

// matrixSession is a 40-person session of plan: every vote and scale
// exercise run but the last vote, with ties, an item nobody voted on, paper and
// phone votes, and notes.
func matrixSession(t testing.TB, plan *workshop.Plan) *workshop.Session {
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	s, err := workshop.NewSession(plan, plan.Title, "Ana Müller", t0)
	if err != nil {
		t.Fatal(err)
	}
	at := t0
	rec := func(e workshop.Event) {
		at = at.Add(time.Minute)
		e.At = at
		if err := s.Record(e); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	rec(workshop.Event{Kind: workshop.EventStarted})
	skip := -1 // the last vote, never run: the summary names it as skipped
	for ei, ex := range plan.Exercises {
		if ex.Kind == workshop.KindVote {
			skip = ei
		}
	}
	for ei, ex := range plan.Exercises {
		if ei == skip {
			continue
		}
		rec(workshop.Event{Kind: workshop.EventMoved, Exercise: ei})
		if !ex.TakesVotes() {
			continue
		}
		rec(workshop.Event{Kind: workshop.EventHeadcount, Exercise: ei, Count: 40})
		for ii := range ex.Items {
			if ii == len(ex.Items)-1 && len(ex.Items) > 2 {
				continue // nobody voted on the last item
			}
			rec(workshop.Event{Kind: workshop.EventOpened, Exercise: ei, Item: ii})
			opts := len(ex.OptionLabels())
			for o := range opts {
				count := 20 / opts
				if ii > 0 {
					count = (ii*7 + o*5) % 13
				}
				rec(workshop.Event{Kind: workshop.EventTally, Exercise: ei, Item: ii, Option: o, Source: workshop.SourceRoom, Count: count})
			}
			// The first item of each exercise ends in a tie (13 to 13).
			paperOpt, paper := 0, 3
			if ii == 0 {
				paperOpt, paper = 1, 1
			}
			rec(workshop.Event{Kind: workshop.EventTally, Exercise: ei, Item: ii, Option: paperOpt, Source: workshop.SourcePaper, Count: paper})
			for p := range 5 {
				rec(workshop.Event{Kind: workshop.EventVote, Exercise: ei, Item: ii, Option: p % opts, Participant: fmt.Sprintf("p-%d", p)})
			}
			rec(workshop.Event{Kind: workshop.EventRevealed, Exercise: ei, Item: ii})
		}
		rec(workshop.Event{Kind: workshop.EventNoteEdited, Exercise: ei, Text: plan.Exercises[ei].Brief})
	}
	rec(workshop.Event{Kind: workshop.EventFinished})
	return s
}

// matrixDocs are the handout, guide and summary of every plan of the
// matrix on paper, in the plan's language.
func matrixDocs(t testing.TB, paper Paper) []pageDoc {
	var out []pageDoc
	plans := matrixPlans()
	for _, code := range []string{"en", "de", "pl", "ar", "he", "ja", "ko", "zh"} {
		plan := plans[code]
		opts := Options{Paper: paper, Created: created}
		sess := matrixSession(t, plan)
		out = append(out,
			pageDoc{code + "-handout-" + string(paper), func(b *strings.Builder) error { return Handout(b, plan, opts) }},
			pageDoc{code + "-guide-" + string(paper), func(b *strings.Builder) error { return Guide(b, plan, 9*time.Hour, opts) }},
			pageDoc{code + "-summary-" + string(paper), func(b *strings.Builder) error { return Summary(b, sess, opts) }},
		)
	}
	// The English workshop in Arabic: Arabic around English.
	en := plans["en"]
	ar := Options{Paper: paper, Created: created, Language: "ar"}
	enSess := matrixSession(t, en)
	out = append(out,
		pageDoc{"ar-en-handout-" + string(paper), func(b *strings.Builder) error { return Handout(b, en, ar) }},
		pageDoc{"ar-en-guide-" + string(paper), func(b *strings.Builder) error { return Guide(b, en, 9*time.Hour, ar) }},
		pageDoc{"ar-en-summary-" + string(paper), func(b *strings.Builder) error { return Summary(b, enSess, ar) }},
	)
	return out
}

// The summary says a tie as a tie, names a skipped exercise as skipped,
// and leaves out a column with nothing in it.
func TestSummaryTellsTheTruth(t *testing.T) {
	plan := plans.Builtin()
	plan.Exercises[1].Items[0].Expect = "" // the warm-up has no expected answers
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, matrixSession(t, plan), Options{Created: created}) })
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"1. What my team needs from me this month Tie: Implement / Innovate 50%",
		"= 50% chose Implement",
		"5. Which does this moment call for? Skipped: not run in this session.",
		"1 = Rarely … 5 = Always",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if strings.Contains(flat, "Leading answer: Implement 50% ✗") || strings.Contains(flat, "No votes on items 1, 2, 3, 4, 5") {
		t.Error("the summary hides a tie or a skipped exercise")
	}
	// The warm-up's table has no expected-answer column: its header ends
	// with Share.
	if !strings.Contains(flat, "2. Warm-up: what does your week need? Item Leading answer Share 1.") {
		t.Error("an empty expected-answer column is printed")
	}
	if n := strings.Count(flat, "1 = Rarely … 5 = Always"); n > 2 {
		t.Errorf("the scale's caption is printed %d times", n)
	}
}
