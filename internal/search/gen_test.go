package search

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"kakehashi/internal/company"
)

// A synthetic company directory for benchmarks: German profiles full of
// compounds, Japanese profiles in kanji and katakana, English in both, and
// enough made-up brand words and model numbers that 100,000 companies give a
// vocabulary of some hundreds of thousands of distinct terms.

var (
	deParts = strings.Fields(`Medizin Hochdruck Öl Wasser Kunststoff Werkzeug Maschinen Anlagen Sensor
		Mess Prüf Steuerungs Antriebs Fahrzeug Batterie Solar Wind Energie Wärme Kälte Luft Licht Laser
		Präzisions Stahl Metall Glas Papier Lebensmittel Verpackungs Textil Chemie Pharma Bio Umwelt
		Recycling Abwasser Förder Lager Logistik Software Daten Netz Sicherheits Robotik Elektro Motor
		Getriebe Pumpen Ventil Filter Druck Oberflächen Beschichtungs Kabel Leiter Halbleiter Optik Mikro`)
	deHeads = strings.Fields(`technik pumpen anlagen systeme bau maschinen werk komponenten teile
		geräte lösungen dienst service handel fertigung entwicklung beratung messung prüfung
		steuerung sensorik elektronik automation montage logistik versorgung planung`)
	deWords = strings.Fields(`wir und die der das für mit von im in auf zu eine einen ist sind bieten
		entwickeln fertigen liefern suchen planen Kunden Partner Japan Europa Markt Qualität Lösungen
		Unternehmen seit Jahren international mittelständisch innovativ zuverlässig nachhaltig
		Straße Mülheim Düsseldorf Köln Essen Bochum Dortmund Aachen Krefeld Münster`)
	enWords = strings.Fields(`we and the for with of in to a an our is are provide develop manufacture
		supply seek partner partners Japan Europe market quality solutions company companies
		precision components systems sensors pumps valves software services engineering medical
		devices optical automation robotics hydrogen battery energy logistics distribution research
		innovative reliable sustainable customers production testing measurement laser coating`)
	jaWords = strings.Fields(`光学 部品 製造 精密 加工 技術 開発 医療 機器 自動車 半導体 材料 水素 電池
		設計 施工 保守 検査 測定 制御 装置 工場 販売 代理店 輸出 欧州 ドイツ 日本 研究 大学 共同 品質
		マイクロ センサー ポンプ モーター バルブ レーザー ロボット ソフトウェア システム コーティング
		フィルター ケーブル エンジニアリング サービス パートナー メーカー`)
	jaGlue   = strings.Fields(`の を に と は が で します しています を行う を求めています 向け および`)
	surnames = strings.Fields(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann
		Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger`)
	legal    = []string{"GmbH", "GmbH & Co. KG", "AG", "KG", "e.K."}
	jaPlaces = strings.Fields(`東京 大田 品川 港南 墨田 江東 板橋 足立 八王子 三鷹 府中 調布 新宿 渋谷`)
	jaKinds  = strings.Fields(`製作所 工業 技研 精機 電機 化学 システムズ`)
	syll     = strings.Fields(`ka ki ku ke ko sa shi su se so ta te to na ni no ha hi fu ho ma mi mu me
		mo ra ri ru re ro ya yu yo wa zen tec tron lux max vin dor gar bel ion`)
	wards   = strings.Fields(`Ota-ku Minato-ku Chiyoda-ku Shinagawa-ku Koto-ku Sumida-ku Hachioji Mitaka`)
	nrwCity = strings.Fields(`Düsseldorf Köln Essen Bochum Dortmund Aachen Krefeld Münster Bielefeld Duisburg`)
	munis   = strings.Fields(`duesseldorf koeln essen bochum dortmund aachen krefeld muenster`)
	sectors = strings.Fields(`C20 C22 C25 C26 C27 C28 C29 C32 D35 E38 H49 H52 J58 J62 J63 M69 M70 M71 M72 Q86`)
)

type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

// pick favours the front of the list, roughly as word frequencies do.
func (g *gen) pick(list []string) string {
	u := g.r.Float64()
	return list[int(u*u*float64(len(list)))]
}

func (g *gen) compound() string {
	return g.pick(deParts) + g.pick(deHeads)
}

// brand is a made-up word; most are unique, which grows the vocabulary.
func (g *gen) brand() string {
	var b strings.Builder
	for range 3 + g.r.IntN(2) {
		b.WriteString(syll[g.r.IntN(len(syll))])
	}
	return b.String()
}

func (g *gen) words(n int, list []string, compounds bool) string {
	out := make([]string, n)
	for i := range out {
		switch {
		case compounds && g.r.IntN(4) == 0:
			out[i] = g.compound()
		case g.r.IntN(30) == 0:
			out[i] = g.brand()
		case g.r.IntN(40) == 0:
			out[i] = fmt.Sprintf("%c%c-%d", 'A'+g.r.IntN(26), 'A'+g.r.IntN(26), g.r.IntN(10000))
		default:
			out[i] = g.pick(list)
		}
	}
	return strings.Join(out, " ") + "."
}

func (g *gen) japanese(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(g.pick(jaWords))
		if g.r.IntN(2) == 0 {
			b.WriteString(g.pick(jaWords))
		}
		b.WriteString(g.pick(jaGlue))
	}
	b.WriteString("。")
	return b.String()
}

func (g *gen) doc(id int64) Doc {
	d := Doc{ID: id, Employees: 1 + int(g.r.ExpFloat64()*60), Kind: company.KindSME}
	if g.r.IntN(5) == 0 {
		d.Kind = company.KindStartup
	}
	for range 1 + g.r.IntN(2) {
		d.Sectors = append(d.Sectors, g.pick(sectors))
	}
	for range 1 + g.r.IntN(2) {
		d.Offers = append(d.Offers, company.CoopTypes[g.r.IntN(len(company.CoopTypes))])
		d.Seeks = append(d.Seeks, company.CoopTypes[g.r.IntN(len(company.CoopTypes))])
	}
	if g.r.IntN(2) == 0 {
		d.Region = company.RegionNRW
		d.City = g.pick(nrwCity)
		if g.r.IntN(3) > 0 {
			d.Municipality = g.pick(munis)
		}
		d.Name = fmt.Sprintf("%s %s %s", g.pick(surnames), g.compound(), g.pick(legal))
		if g.r.IntN(2) == 0 {
			d.Name = fmt.Sprintf("%s %s %s", strings.ToUpper(g.brand()[:1])+g.brand()[1:], g.compound(), g.pick(legal))
		}
		d.Languages = []string{"de", "en"}
		d.Texts = []string{g.words(20+g.r.IntN(20), deWords, true), g.words(20+g.r.IntN(20), enWords, false)}
		if g.r.IntN(5) == 0 {
			d.Texts = append(d.Texts, g.japanese(5))
			d.Languages = append(d.Languages, "ja")
		}
		for range 3 + g.r.IntN(5) {
			d.Keywords = append(d.Keywords, g.compound())
		}
		d.CoopTexts = []string{g.words(6+g.r.IntN(6), deWords, true), g.words(6, enWords, false)}
	} else {
		d.Region = company.RegionTokyo
		d.City = g.pick(wards)
		d.Name = "株式会社" + g.pick(jaPlaces) + g.pick(jaWords) + g.pick(jaKinds)
		if g.r.IntN(3) == 0 {
			d.Name = strings.ToUpper(g.brand()[:1]) + g.brand()[1:] + " Co., Ltd."
		}
		d.Languages = []string{"ja", "en"}
		d.Texts = []string{g.japanese(6 + g.r.IntN(6)), g.words(20+g.r.IntN(20), enWords, false)}
		if g.r.IntN(10) == 0 {
			d.Texts = append(d.Texts, g.words(20, deWords, true))
			d.Languages = append(d.Languages, "de")
		}
		for range 3 + g.r.IntN(4) {
			if g.r.IntN(2) == 0 {
				d.Keywords = append(d.Keywords, g.pick(jaWords)+g.pick(jaWords))
			} else {
				d.Keywords = append(d.Keywords, g.pick(enWords)+" "+g.pick(enWords))
			}
		}
		d.CoopTexts = []string{g.japanese(2) + " / " + g.words(8, enWords, false)}
	}
	return d
}

func genDocs(n int, seed uint64) []Doc {
	g := newGen(seed)
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = g.doc(int64(i + 1))
	}
	return docs
}
