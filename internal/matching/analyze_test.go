package matching

import (
	"slices"
	"strings"
	"testing"

	"kakehashi/internal/textproc"
)

// conceptsOf returns the keys of the weighted concepts found in s (direct
// mentions, not broader parents).
func conceptsOf(s string) []string {
	r := newRawText(newTokenDict())
	r.addText(s, 1, "")
	var keys []string
	for id, st := range r.concepts {
		if st.tf >= 0.6 { // direct mentions and compound modifiers; parents get half
			keys = append(keys, lex.concepts[id].Key)
		}
	}
	slices.Sort(keys)
	return keys
}

func tokensOf(s string) []string {
	r := newRawText(newTokenDict())
	r.addText(s, 1, "")
	var out []string
	for _, t := range r.compact().tokens {
		out = append(out, r.dict.words[t.id])
	}
	slices.Sort(out)
	return out
}

// TestConceptsMeetAcrossLanguages: the same thing said in German, English and
// Japanese maps to the same concept.
func TestConceptsMeetAcrossLanguages(t *testing.T) {
	tests := []struct {
		concept string
		texts   []string
	}{
		{"medical_device", []string{"Medizintechnik", "medical devices", "医療機器", "Medizinproduktehersteller"}},
		{"hydrogen", []string{"Wasserstoff", "green hydrogen", "水素", "grüner Wasserstoff"}},
		{"fuel_cell", []string{"Brennstoffzellensysteme", "PEM fuel-cell stacks", "燃料電池スタック"}},
		{"compressors", []string{"Wasserstoffverdichter", "hydrogen compressors", "水素用圧縮機", "コンプレッサー"}},
		{"cold_chain", []string{"Kühllogistik", "Kuehllogistik", "cold chain", "コールドチェーン"}},
		{"optics", []string{"optischen Komponenten", "optical components", "光学部品"}},
		{"sensors", []string{"Sensoren", "sensors", "センサー", "センサ"}},
		{"additive_mfg", []string{"3D-Druck", "3D printing", "3Dプリント"}},
		{"cybersecurity", []string{"IT-Sicherheit", "cyber security", "サイバーセキュリティ", "OTセキュリティ"}},
		{"solar", []string{"Photovoltaik", "solar panels", "太陽光発電"}},
		{"recycling", []string{"Kreislaufwirtschaft", "circular economy", "リサイクル"}},
		{"insurance", []string{"Versicherungen", "insurance", "保険"}},
		{"robotics", []string{"Industrieroboter", "industrial robots", "産業用ロボット"}},
		{"logistics", []string{"Lebensmittellogistik", "logistics", "物流"}},
		{"gripper", []string{"Spezialgreifer", "soft grippers", "ソフトグリッパー"}},
		{"asphere", []string{"asphärische Linsen", "aspheric lenses", "非球面レンズ"}},
		{"industry40", []string{"Industrie 4.0", "Industry 4.0", "スマートファクトリー"}},
		{"emobility", []string{"Elektromobilität", "e-mobility", "電気自動車"}},
	}
	for _, tt := range tests {
		for _, s := range tt.texts {
			if got := conceptsOf(s); !slices.Contains(got, tt.concept) {
				t.Errorf("%q: concepts %v, want %s", s, got, tt.concept)
			}
		}
	}
}

// TestNoFalseConcepts guards against the classic traps of a cross-language
// dictionary: German function words that look like English terms, shorter
// Japanese terms inside longer ones, and compound splits through the middle
// of a word.
func TestNoFalseConcepts(t *testing.T) {
	tests := []struct {
		text      string
		forbidden []string
	}{
		{"Die Firma und die Kunden, das Team", []string{"tooling", "manufacturing"}},
		{"燃料電池", []string{"battery"}},                  // fuel cell, not battery
		{"太陽電池", []string{"battery"}},                  // solar cell
		{"Chempark", []string{"natural_fiber"}},        // not c-hemp-ark
		{"How does it work?", []string{"diffractive"}}, // "does" is not DOE
		{"ソフトウェアロボット", []string{"robotics"}},           // RPA, not robots
		{"robotセキュリティ", []string{"cybersecurity"}},     // "ot" inside "robot"
		{"ジャパン", []string{"bakery"}},
	}
	for _, tt := range tests {
		got := conceptsOf(tt.text)
		for _, f := range tt.forbidden {
			if slices.Contains(got, f) {
				t.Errorf("%q: concepts %v must not contain %s", tt.text, got, f)
			}
		}
	}
}

func TestStem(t *testing.T) {
	same := [][]string{
		{"optisch", "optische", "optischen", "optischer", "optisches"},
		{"sensor", "sensors", "sensoren"},
		{"pump", "pumps", "pumpe", "pumpen"},
		{"system", "systems", "systeme"},
		{"battery", "batteries"},
		{"lens", "lenses"},
		{"kollaborativ", "kollaborative", "kollaborativer"},
	}
	for _, group := range same {
		want := stem(group[0])
		for _, w := range group[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, want %q (as %q)", w, got, want, group[0])
			}
		}
	}
	for _, w := range []string{"does", "lens", "gas", "this"} {
		if got := stem(w); got != w {
			t.Errorf("stem(%q) = %q, want unchanged", w, got)
		}
	}
}

func TestSplitCompound(t *testing.T) {
	tests := []struct {
		word string
		want []string // concept keys of the parts, head last; nil: no split
	}{
		{"wasserstoffverdichter", []string{"hydrogen", "compressors"}},
		{"lebensmittellogistik", []string{"food", "logistics"}},
		{"laserschweissen", []string{"laser", "welding"}},
		{"spezialgreifer", []string{"gen_misc", "gripper"}},
		{"chempark", nil},
		{"lasertag", nil},
		{"haus", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range splitCompound(tt.word) {
			for _, id := range p.ids {
				got = append(got, lex.concepts[id].Key)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("splitCompound(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		has  []string
		not  []string
	}{
		{"マイクロ光学部品", []string{"光学", "部品"}, nil},
		{"Wir suchen einen Vertriebspartner für unsere Pumpen", []string{"pump"}, []string{"wir", "such", "vertriebspartn"}},
		{"です。ます", nil, []string{"です", "ます"}}, // hiragana-only bigrams are grammar
		{"founded in 1962", []string{"founded"}, []string{"1962"}},
	}
	for _, tt := range tests {
		got := tokensOf(tt.text)
		for _, h := range tt.has {
			if !slices.Contains(got, h) {
				t.Errorf("tokens(%q) = %v, want %q", tt.text, got, h)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("tokens(%q) = %v, must not contain %q", tt.text, got, n)
			}
		}
	}
}

// TestLexicon checks the shipped dictionary's shape: broad enough, every
// concept named in all three languages.
func TestLexicon(t *testing.T) {
	specific := 0
	for _, c := range lex.concepts {
		if c.Weight > 0 {
			specific++
		}
		for i, l := range c.Label {
			if l == "" {
				t.Errorf("concept %s has no %s term", c.Key, langOrder[i])
			}
		}
	}
	if specific < 300 {
		t.Errorf("only %d concepts; the dictionary should cover several hundred", specific)
	}
	if got := lex.label(lex.byKey["medical_device"], "ja"); got != "医療機器" {
		t.Errorf("label = %q", got)
	}
	if _, err := parseLexicon("x\t-\t1\tdie\tdies\t\n"); err == nil || !strings.Contains(err.Error(), "stopword") {
		t.Errorf("a term stemming to a stopword must be rejected, got %v", err)
	}
}

func TestFoldFastPath(t *testing.T) {
	for _, s := range []string{"Müller Straße – „Qualität“ …", "ÄÖÜ éèê ÇÑ Ĳ ſ ½", "Größe × 2²", "ＡＢＣ光学ｶﾒﾗ", "Cafe\u0301", "plain ASCII Text",
		"株式会社月島データは武蔵野市のスタートアップです（2010年設立、従業員約28名）。", "か\u3099ガｶﾞ゛", "ＩｏＴ・センサー々"} {
		if got, want := fold(s), textproc.Fold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldFastPathJapanese checks every rune of the Japanese fast path, on
// its own and next to runes that could compose with it.
func TestFoldFastPathJapanese(t *testing.T) {
	before := []string{"", "a", "Ä", "か", "カ", "ｶ", "\u1100"}
	after := []string{"", "a", "\u0301", "\u3099", "\u309a", "ﾞ", "\u1161"}
	check := func(r rune, before, after []string) {
		for _, b := range before {
			for _, a := range after {
				s := b + string(r) + a
				if got, want := fold(s), textproc.Fold(s); got != want {
					t.Fatalf("fold(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
	for r := rune(0x3000); r < 0x3100; r++ {
		check(r, before, after)
	}
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		check(r, before, after)
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		check(r, before[:3], after[:4])
	}
	for r := rune(0x1100); r < 0x10000; r++ {
		if isCJK(r) != textproc.IsCJK(r) {
			t.Fatalf("isCJK(%U) = %v", r, isCJK(r))
		}
	}
}
